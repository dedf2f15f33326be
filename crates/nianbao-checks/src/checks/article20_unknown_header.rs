//! `article20-unknown-header`: a 第二十条 header cell that names no column of either format.

use nianbao_model::Report;

use super::article20::spec;
use crate::{Check, Severity, Sink, Timing};

pub static CHECK: Check = Check {
    code: "article20-unknown-header",
    severity: Severity::Warning,
    timing: Timing::Immediate,
    fix: None,
    summary: "第二十条表格的表头列名不属于任何一版格式",
    doc: r#"
### 作用
第二十条表格的表头（「信息内容」之后的各列）应使用模板的列名。已知的写法都可接受：以年份代替「本年」（「2019年新制作数量」）、以年份代替「上一年」（「2019年项目数量」）、带说明的列名（「对外公开总数量（2019年起）」）、带单位（「采购总金额（万元）」）、断成两行的列名。两版格式都不认识的列名由本检查报告。

### 原因
无法识别的列名意味着无法确定该列统计的是什么。

### 示例
```diff
- 信息内容	本年新制作数量	本年新公开数量	对外公开总数量
+ 信息内容	本年新增数量	本年新公开数量	对外公开总数量
```
「本年新增数量」不是第二十条表格的列名；此列应为「本年新制作数量」。

### 修复
没有自动修复：请使用模板中的列名。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    for block in &report.article20 {
        let Some(header) = &block.header else {
            continue;
        };
        let spec = spec(report, block);
        for (i, cell) in header.cells.iter().enumerate() {
            if !cell.names.is_empty() || cell.text.trim().is_empty() {
                continue;
            }
            let hint = match spec.and_then(|(_, s)| s.columns.get(i)) {
                Some(col) => format!("；此列应为「{}」", col.name),
                None => String::new(),
            };
            sink.report(
                cell.range,
                format!("表头「{}」不是第二十条表格的列名{hint}", cell.text.trim()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::test_support::{findings, replace, VALID_2019};

    #[test]
    fn flags_unknown_headers() {
        let text = replace(VALID_2019, "本年新制作数量", "本年新增数量");
        expect![[r#"
            18:6 warning article20-unknown-header 表头「本年新增数量」不是第二十条表格的列名；此列应为「本年新制作数量」
        "#]]
        .assert_eq(&findings("article20-unknown-header", &text));
    }

    #[test]
    fn accepts_the_known_variants() {
        let text = replace(VALID_2019, "本年新制作数量", "2020年新制作数量");
        let text = replace(&text, "对外公开总数量", "对外公开总数量（2019年起）");
        let text = replace(&text, "上一年项目数量", "2019年项目数量");
        assert_eq!(findings("article20-unknown-header", &text), "");
    }
}
