//! `overview-too-long`: part 一 of a 2021-format report is over 1,000 characters.

use nianbao_model::{Format, Part, Report};

use crate::{Check, Severity, Sink, Subject, Timing};

/// What the 2021 notice asks: 「篇幅原则上不超过一千字」.
pub const MAX_CHARS: usize = 1000;

pub static CHECK: Check = Check {
    code: "overview-too-long",
    severity: Severity::Info,
    timing: Timing::AfterPause,
    fix: None,
    summary: "2021 年版格式的报告第一部分「总体情况」超过 1000 字",
    doc: r#"
### 作用
2021 年版格式要求第一部分「总体情况」篇幅原则上不超过一千字。本检查数第一部分正文的字数（表格和空白不计，小标题计入），超过 1000 字时提示，并给出字数。

### 原因
总体情况应概括全年工作，过长的总体情况往往堆砌材料；「原则上」意味着这是提示而非错误。

### 示例
```diff 2021
- 2022 年，本机关主动公开政府信息 1200 条。
+ 2022 年，本机关主动公开政府信息 1200 条，其中机构职能类信息 130 条，法规文件类信息 210 条，规划计划类信息 95 条，财政预决算类信息 60 条，重点领域信息 705 条，均在规定时限内通过门户网站、政务新媒体等渠道发布。
+ 全年围绕优化营商环境、乡村振兴、民生保障等重点工作，开设专题专栏 12 个，发布政策解读 86 篇，其中图文解读 40 篇、视频解读 12 个、新闻发布会 6 场，主要负责同志带头解读重要政策 5 次，及时回应社会关切。
+ 在依申请公开方面，进一步规范受理、审查、答复各环节，统一答复文书格式，建立疑难申请会商机制，全年办理的申请均在法定期限内答复，未发生因答复超期引起的行政复议或行政诉讼，答复质量稳步提升。
+ 在政府信息管理方面，开展行政规范性文件清理，集中公布现行有效文件目录，对主动公开信息实行发布前保密审查和发布后动态更新，全年更新调整栏目内容 300 余条，清理过期失效信息 150 余条。
+ 在平台建设方面，完成门户网站集约化改造，优化政府信息公开专栏的检索功能，推进政务新媒体规范化管理，关停整合长期不更新的账号 3 个，政务服务热线与网站留言办理机制进一步健全。
+ 在监督保障方面，将政务公开工作纳入年度绩效考核，组织业务培训 4 期、培训人员 300 余人次，邀请人大代表、政协委员和群众代表参加政府开放日活动 2 次，主动接受社会监督，发现问题及时整改。
+ 此外，本机关持续推进基层政务公开标准化规范化建设，在乡镇（街道）和村（社区）设立政务公开专区，编制公开事项标准目录，推动公开内容覆盖权力运行全过程和政务服务全流程，群众满意度明显提升。
+ 同时，强化政策文件起草过程中的公众参与，对涉及群众切身利益的重要决策事项，通过网站征集意见、座谈会、听证会等方式广泛听取意见，全年公开征求意见 18 次，收到意见建议 260 余条并反馈采纳情况。
+ 围绕重大建设项目批准和实施、公共资源配置、社会公益事业建设等重点领域，细化公开标准，做到应公开尽公开，对公众关注度高的信息及时跟进解读，全年未发生因信息公开不及时引发的负面舆情事件。
+ 下一步，本机关将继续深入贯彻落实《中华人民共和国政府信息公开条例》，聚焦公众需求，提升公开质量，加强解读回应，完善平台功能，推动政务公开工作再上新台阶，更好服务经济社会高质量发展大局。
+ （以上为示例：第一部分正文共一千余字，已超过 2021 年版格式「篇幅原则上不超过一千字」的要求。）
```
第一部分写成了一千余字的工作汇报。

### 修复
没有自动修复：请精简第一部分。
"#,
    run,
};

fn run(report: &Report, sink: &mut Sink<'_>) {
    if report.format != Format::F2021 {
        return;
    }
    let Some(part) = report.texts.iter().find(|t| t.part == Part::Overview) else {
        return;
    };
    if part.chars() > MAX_CHARS {
        sink.report(
            part.heading,
            format!(
                "第一部分「总体情况」正文 {} 字，超过 2021 年版格式「篇幅原则上不超过一千字」的要求",
                part.chars()
            ),
        )
        .about(Subject::Part(1));
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{findings, replace, VALID_2021};

    /// VALID_2021 with part 一 made `total` characters long (whitespace not counted).
    fn overview_of(total: usize) -> String {
        let part = &VALID_2021[VALID_2021.find("## 一、总体情况").unwrap()..VALID_2021.find("## 二、").unwrap()];
        let now = part
            .lines()
            .skip(1)
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace())
            .count();
        let filler = "政".repeat(total - now);
        replace(
            VALID_2021,
            "2022 年，本机关主动公开政府信息 1200 条。",
            &format!("2022 年，本机关主动公开政府信息 1200 条。{filler}"),
        )
    }

    #[test]
    fn at_the_threshold() {
        assert_eq!(findings("overview-too-long", &overview_of(999)), "");
        assert_eq!(findings("overview-too-long", &overview_of(1000)), "");
        expect_test::expect![[r#"
            5:1 info overview-too-long 第一部分「总体情况」正文 1001 字，超过 2021 年版格式「篇幅原则上不超过一千字」的要求
        "#]]
        .assert_eq(&findings("overview-too-long", &overview_of(1001)));
    }
}
