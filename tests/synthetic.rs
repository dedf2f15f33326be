//! Synthetic reports built from the structure of the real ones — Chinese prose, the
//! 第二十条 blocks, tables 三 and 四 in several encodings, with consistent arithmetic and,
//! on request, a wrong row total — deterministic from a seed. The benchmarks'
//! workloads (`nianbao-bench`) are made of them, and the property tests flatten them.

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
