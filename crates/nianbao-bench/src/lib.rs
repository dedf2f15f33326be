//! Deterministic workloads for the benchmarks: realistic reports built from the structure
//! of the real ones — Chinese prose, the 第二十条 blocks, tables 三 and 四 in several
//! encodings, with consistent arithmetic and a few errors — at any size. A city-level
//! document is the city's report with its departments' reports appended.

use std::fmt::Write;

/// A small xorshift generator: the same seed always gives the same report.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const PHRASES: &[&str] = &[
    "坚持以习近平新时代中国特色社会主义思想为指导",
    "全面贯彻落实《中华人民共和国政府信息公开条例》",
    "进一步加强政府信息公开工作",
    "围绕群众关切的重点领域信息公开",
    "及时准确发布权威信息",
    "完善政府信息公开工作机制",
    "加强政策解读和回应社会关切",
    "推进基层政务公开标准化规范化",
    "依托政府门户网站和政务新媒体",
    "规范依申请公开办理流程",
    "强化政府信息公开保密审查",
    "提升政务服务水平和群众满意度",
    "做好重大决策预公开工作",
    "扎实推进政务公开各项任务落地见效",
];
const PLACES: &[&str] = &[
    "东城区",
    "西湖区",
    "南山区",
    "北塘镇",
    "青山县",
    "市教育局",
    "市卫生健康委",
    "市自然资源局",
    "市交通运输局",
];

fn prose(rng: &mut Rng, out: &mut String, sentences: usize) {
    for i in 0..sentences {
        let n = 1 + rng.below(3);
        for j in 0..n {
            out.push_str(rng.pick(PHRASES));
            out.push_str(if j + 1 < n { "，" } else { "" });
        }
        let _ = write!(out, "，全年共计{}件", 10 + rng.below(5000));
        out.push_str(if i + 1 < sentences { "。" } else { "。\n\n" });
    }
}

/// How table 三 is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Tabs,
    Pipes,
    Html,
}

const T3_LEAVES: &[(&str, &str)] = &[
    ("三、本年度办理结果", "（一）予以公开"),
    (
        "",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    ("（三）不予公开", "1.属于国家秘密"),
    ("", "2.其他法律行政法规禁止公开"),
    ("", "3.危及“三安全一稳定”"),
    ("", "4.保护第三方合法权益"),
    ("", "5.属于三类内部事务信息"),
    ("", "6.属于四类过程性信息"),
    ("", "7.属于行政执法案卷"),
    ("", "8.属于行政查询事项"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("", "2.没有现成信息需要另行制作"),
    ("", "3.补正后申请内容仍不明确"),
    ("（五）不予处理", "1.信访举报投诉类申请"),
    ("", "2.重复申请"),
    ("", "3.要求提供公开出版物"),
    ("", "4.无正当理由大量反复申请"),
    ("", "5.要求行政机关确认或重新出具已获取信息"),
    ("", "（六）其他处理"),
];

fn row(encoding: Encoding, cells: &[String], out: &mut String) {
    match encoding {
        Encoding::Tabs => {
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        Encoding::Pipes => {
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        Encoding::Html => {
            out.push_str("<tr>");
            for c in cells {
                let _ = write!(out, "<td>{c}</td>");
            }
            out.push_str("</tr>\n");
        }
    }
}

fn counts(values: [u64; 6]) -> Vec<String> {
    let total: u64 = values.iter().sum();
    values
        .iter()
        .chain([total].iter())
        .map(u64::to_string)
        .collect()
}

/// One report of about 40 KB: the year decides the format (the 2019 one here, as in the
/// seeds). `errors` adds a wrong row total.
pub fn report(rng: &mut Rng, encoding: Encoding, errors: bool) -> String {
    let mut out = String::with_capacity(48 * 1024);
    let place = rng.pick(PLACES);
    let _ = writeln!(out, "# {place}2020年政府信息公开工作年度报告\n");
    prose(rng, &mut out, 3);
    out.push_str("## 一、总体情况\n\n");
    for (i, title) in [
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "（三）政府信息管理情况",
        "（四）平台建设情况",
        "（五）监督保障情况",
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(out, "### {title}\n");
        for _ in 0..3 {
            prose(rng, &mut out, 8 + i % 3);
        }
    }
    out.push_str("## 二、主动公开政府信息情况\n\n");
    let n = |rng: &mut Rng| rng.below(900).to_string();
    let blocks: [(&str, &[&str], &[&str]); 5] = [
        (
            "第二十条第（一）项",
            &["本年新制作数量", "本年新公开数量", "对外公开总数量"],
            &["规章", "规范性文件"],
        ),
        (
            "第二十条第（五）项",
            &["上一年项目数量", "本年增/减", "处理决定数量"],
            &["行政许可", "其他对外管理服务事项"],
        ),
        (
            "第二十条第（六）项",
            &["上一年项目数量", "本年增/减", "处理决定数量"],
            &["行政处罚", "行政强制"],
        ),
        (
            "第二十条第（八）项",
            &["上一年项目数量", "本年增/减"],
            &["行政事业性收费"],
        ),
        (
            "第二十条第（九）项",
            &["采购项目数量", "采购总金额"],
            &["政府集中采购"],
        ),
    ];
    for (caption, headers, rows) in blocks {
        let _ = writeln!(out, "{caption}\t\t\t\n信息内容\t{}", headers.join("\t"));
        for r in rows {
            let values: Vec<String> = headers.iter().map(|_| n(rng)).collect();
            let _ = writeln!(out, "{r}\t{}", values.join("\t"));
        }
    }
    out.push_str("\n## 三、收到和处理政府信息公开申请情况\n\n");
    prose(rng, &mut out, 4);
    // Leaves first, so that （七） and the balance come out right.
    let leaves: Vec<[u64; 6]> = T3_LEAVES
        .iter()
        .map(|_| [0; 6].map(|_| rng.below(4) * rng.below(3)))
        .collect();
    let mut total = [0u64; 6];
    for l in &leaves {
        for c in 0..6 {
            total[c] += l[c];
        }
    }
    let carried_in = [0; 6].map(|_| rng.below(3));
    let carried_over = [0; 6].map(|_| rng.below(3));
    let new: Vec<u64> = (0..6)
        .map(|c| total[c] + carried_over[c] - carried_in[c].min(total[c] + carried_over[c]))
        .collect();
    let carried_in: Vec<u64> = (0..6)
        .map(|c| total[c] + carried_over[c] - new[c])
        .collect();
    if encoding == Encoding::Html {
        out.push_str("<table border=\"1\">\n");
    }
    let header = |s: &str| s.to_string();
    row(
        encoding,
        &[
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "",
            "申请人情况",
            "",
            "",
            "",
            "",
            "",
            "总计",
        ]
        .map(header),
        &mut out,
    );
    if encoding == Encoding::Pipes {
        out.push_str("|---|---|---|---|---|---|---|---|---|\n");
    }
    row(
        encoding,
        &["", "", "自然人", "法人或其他组织", "", "", "", "", ""].map(header),
        &mut out,
    );
    row(
        encoding,
        &[
            "",
            "",
            "",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "",
        ]
        .map(header),
        &mut out,
    );
    let labelled = |a: &str, b: &str, v: [u64; 6]| -> Vec<String> {
        [a.to_string(), b.to_string()]
            .into_iter()
            .chain(counts(v))
            .collect()
    };
    let arr = |v: &[u64]| -> [u64; 6] { [v[0], v[1], v[2], v[3], v[4], v[5]] };
    row(
        encoding,
        &labelled("一、本年新收政府信息公开申请数量", "", arr(&new)),
        &mut out,
    );
    row(
        encoding,
        &labelled("二、上年结转政府信息公开申请数量", "", arr(&carried_in)),
        &mut out,
    );
    for (i, (group, label)) in T3_LEAVES.iter().enumerate() {
        let mut cells = labelled(group, label, leaves[i]);
        if errors && i == 5 {
            cells[8] = "0".to_string();
            cells[2] = (leaves[i][0] + 1).to_string();
        }
        row(encoding, &cells, &mut out);
    }
    row(encoding, &labelled("", "（七）总计", total), &mut out);
    row(
        encoding,
        &labelled("四、结转下年度继续办理", "", carried_over),
        &mut out,
    );
    if encoding == Encoding::Html {
        out.push_str("</table>\n");
    }
    out.push_str("\n## 四、政府信息公开行政复议、行政诉讼情况\n\n");
    out.push_str("行政复议\t\t\t\t\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n");
    let mut t4 = Vec::new();
    for _ in 0..3 {
        let g = [0; 4].map(|_| rng.below(3));
        t4.extend(g.iter().map(u64::to_string));
        t4.push(g.iter().sum::<u64>().to_string());
    }
    let _ = writeln!(out, "{}\n", t4.join("\t"));
    out.push_str("## 五、存在的主要问题及改进情况\n\n");
    for _ in 0..18 {
        prose(rng, &mut out, 10);
    }
    out.push_str("## 六、其他需要报告的事项\n\n本年度未收取信息处理费。\n\n");
    out
}

/// A document of about `bytes` bytes: reports appended until the size is reached.
pub struct Workload {
    pub text: String,
    /// The byte offset of the 自然人 cell of 「（一）予以公开」 in table 三 of a report
    /// near the middle: a keystroke in a table.
    pub table_cell: usize,
    /// A byte offset in part 五 of the same report, far from any table.
    pub prose: usize,
}

pub fn workload(seed: u64, bytes: usize) -> Workload {
    let mut rng = Rng::new(seed);
    let mut reports = Vec::new();
    let mut size = 0;
    let encodings = [Encoding::Tabs, Encoding::Pipes, Encoding::Html];
    while size < bytes || reports.is_empty() {
        let r = report(
            &mut rng,
            encodings[reports.len() % 3],
            reports.len() % 4 == 1,
        );
        size += r.len();
        reports.push(r);
    }
    // The edited report is the same kind at every size: in the tab encoding (the cell is
    // a plain number) and without a planted error (rebuilding a report with findings costs
    // more: its messages are written again), as the single report of 40 KB is.
    let middle = (reports.len() / 2) / 12 * 12;
    let start: usize = reports[..middle].iter().map(String::len).sum();
    let text = reports.concat();
    let m = &reports[middle];
    let row = m.find("（一）予以公开\t").unwrap_or(0) + "（一）予以公开\t".len();
    let prose = m.find("## 五").map_or(0, |i| i + 200);
    let prose = (0..4)
        .map(|k| prose + k)
        .find(|&p| m.is_char_boundary(p))
        .unwrap_or(0);
    Workload {
        table_cell: start + row,
        prose: start + prose,
        text,
    }
}

/// A report whose table 三 is one HTML table of about `bytes`: its data rows repeated
/// until the size is reached, each repeat a `duplicate-row` finding and every
/// 「4.保护第三方合法权益」 row a `row-total-mismatch` — many findings on the table's lines.
/// With `one_line` the whole table is a single line, as crawled pages are; without, a row
/// per line. `table_cell` is the first 「（一）予以公开」 row's 自然人 cell.
pub fn html_table_report(bytes: usize, one_line: bool) -> Workload {
    let mut text = String::from(
        "# 某局2020年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n## 三、收到和处理政府信息公开申请情况\n\n",
    );
    let end = if one_line { "" } else { "\n" };
    text.push_str("<table>");
    text.push_str(end);
    let header = "<tr><td>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr>";
    text.push_str(header);
    text.push_str(end);
    let rows = [
        ("（一）予以公开", [20, 2, 1, 0, 1, 0], 24),
        ("4.保护第三方合法权益", [2, 0, 0, 0, 0, 0], 0),
        ("2.重复申请", [1, 0, 0, 0, 0, 0], 1),
    ];
    let mut table_cell = 0;
    while text.len() < bytes {
        for (label, cells, total) in rows {
            let _ = write!(text, "<tr><td>{label}</td>");
            for (i, c) in cells.iter().enumerate() {
                if table_cell == 0 && i == 0 {
                    table_cell = text.len() + "<td>".len();
                }
                let _ = write!(text, "<td>{c}</td>");
            }
            let _ = write!(text, "<td>{total}</td></tr>{end}");
        }
    }
    text.push_str("</table>\n\n## 四、政府信息公开行政复议、行政诉讼情况\n\n正文。\n");
    Workload {
        text,
        table_cell,
        prose: 0,
    }
}

/// The full check of a whole text, as `nianbao check` runs it: the document (rope and
/// blocks), then `nianbao_ide::analyze` — every report modelled and checked. Returns the
/// number of findings.
pub fn check(text: &str) -> usize {
    let doc = nianbao_ide::Document::new(text);
    let settings = nianbao_ide::Settings {
        check_all_documents: true,
        ..nianbao_ide::Settings::default()
    };
    nianbao_ide::analyze(&doc, &settings).diagnostics().count()
}

/// The floor: one pass over the bytes that only finds line ends and splits cells on tabs
/// and `|` — the cheapest work any table checker must do. It returns the number of cells.
/// One copy, not inlined, for every benchmark that compares with it.
#[inline(never)]
pub fn floor(text: &str) -> usize {
    let mut cells = 0;
    for line in text.as_bytes().split(|&b| b == b'\n') {
        cells += 1 + line.iter().filter(|&&b| b == b'\t' || b == b'|').count();
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_report_is_read_like_a_real_one() {
        let w = workload(1, 1);
        assert!(
            (32 * 1024..48 * 1024).contains(&w.text.len()),
            "one report of about 40 KB: {}",
            w.text.len()
        );
        let doc = nianbao_ide::Document::new(&w.text);
        let analysis = nianbao_ide::analyze(&doc, &Default::default());
        assert!(analysis.checked);
        let [report] = analysis.reports() else {
            panic!("one report")
        };
        let report = report.report();
        assert_eq!(report.parts.len(), 6);
        assert_eq!(report.tables3[0].rows.len(), 23);
        let codes: Vec<&str> = analysis.diagnostics().map(|d| d.code).collect();
        assert!(codes.is_empty(), "{codes:?}");
        assert!(w.text[w.table_cell..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit()));
        // Deterministic.
        assert_eq!(workload(1, 1).text, w.text);
    }

    #[test]
    fn the_floor_counts_cells_split_on_tabs_and_pipes() {
        assert_eq!(floor(""), 1);
        assert_eq!(floor("一\t二|三\n四"), 4);
        assert_eq!(floor("| 1 | 2 |\r\n\n"), 6);
    }

    #[test]
    fn the_edited_report_is_a_clean_tab_report_at_every_size() {
        for bytes in [1, 800 * 1024, 1 << 20] {
            let w = workload(42, bytes);
            let doc = nianbao_ide::Document::new(&w.text);
            let analysis = nianbao_ide::analyze(&doc, &Default::default());
            let edited = analysis.report_at(w.table_cell).expect("a report");
            assert!(
                (edited.range.start..edited.range.end).contains(&w.prose),
                "{bytes}: prose in the same report"
            );
            assert_eq!(edited.diagnostic_count(), 0, "{bytes}: no finding in it");
            let line_end = w.text[w.table_cell..].find('\n').unwrap_or(0);
            assert!(
                w.text[w.table_cell..w.table_cell + line_end].contains('\t'),
                "{bytes}: tab encoding"
            );
        }
    }

    #[test]
    fn every_encoding_reads_and_errors_are_found() {
        let w = workload(7, 200 * 1024);
        let doc = nianbao_ide::Document::new(&w.text);
        let analysis = nianbao_ide::analyze(&doc, &Default::default());
        // A report per department, each with its own table 三.
        let reports: Vec<_> = analysis.reports().iter().map(|r| r.report()).collect();
        assert!(reports.len() >= 4);
        assert!(reports
            .iter()
            .all(|r| r.tables3.len() == 1 && r.tables3[0].rows.len() == 23 && r.parts.len() == 6));
        let codes: Vec<&str> = analysis.diagnostics().map(|d| d.code).collect();
        assert!(codes.contains(&"row-total-mismatch"));
        assert!(!codes.contains(&"duplicate-part"), "{codes:?}");
    }
}
