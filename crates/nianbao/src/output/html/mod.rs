//! One self-contained page an auditor opens, forwards and prints (`check --format html`):
//! no network at all — the styles, the script and the charts (SVG from `poloto`) are in
//! the page — so it works on an offline intranet machine.
//!
//! - A summary: files read, files not read (each with why), reports with errors.
//! - Findings per check as a bar chart.
//! - A table of reports (body, year, format, errors, warnings, key figures, measures),
//!   sortable by any column and filtered by a text box, each row linking to its section.
//! - Where several years of one body are present, its key figures by year as a line chart
//!   and its cross-year findings.
//! - Each report's section: its findings (reviewed ones greyed, with their note), tables
//!   三 and 四 as read — wrong totals highlighted with the computed value beside them
//!   (`nianbao_ide::inlay_hints`, the same arithmetic as the checks), recovered,
//!   ambiguous, unread and blank cells marked.
//!
//! The markup is compact (optional end tags left out): a page for 1,000 reports stays a
//! few megabytes.

mod charts;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use nianbao_checks::Severity;
use nianbao_ide::{CellRecord, ReadAs};
use nianbao_syntax::{ColumnUnit, TextRange};

use super::Counts;
use crate::extract::{report_rows, ReportRow, FIGURES};
use crate::input::shown;
use crate::run::{FileResult, Run};

/// Text for HTML (element content and attribute values).
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "info",
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info | Severity::Hint => "提示",
    }
}

/// A report of the run: its file, its place among the file's reports, its row of figures.
struct Entry<'r> {
    file: &'r FileResult,
    index: usize,
    row: ReportRow,
}

pub fn write(out: &mut impl Write, run: &Run) -> io::Result<()> {
    let entries: Vec<Entry<'_>> = run
        .checked()
        .flat_map(|file| {
            report_rows(file)
                .into_iter()
                .enumerate()
                .map(move |(index, row)| Entry { file, index, row })
        })
        .collect();
    let mut page = String::with_capacity(8192 + entries.len() * 6000);
    page.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width\">");
    page.push_str("<title>政府信息公开工作年度报告检查结果</title><style>");
    page.push_str(include_str!("page.css"));
    page.push_str("</style></head><body>\n<h1>政府信息公开工作年度报告检查结果</h1>\n");
    let _ = writeln!(
        page,
        "<p class=\"meta\">nianbao {} 生成。各项检查的说明见 docs/checks.md。</p>",
        env!("CARGO_PKG_VERSION")
    );
    summary(&mut page, run, &entries);
    checks_chart(&mut page, run);
    report_table(&mut page, &entries);
    years(&mut page, &entries);
    for (n, e) in entries.iter().enumerate() {
        report_section(&mut page, n, e);
    }
    page.push_str("<script>");
    page.push_str(include_str!("page.js"));
    page.push_str("</script>\n</body></html>\n");
    out.write_all(page.as_bytes())
}

fn summary(page: &mut String, run: &Run, entries: &[Entry<'_>]) {
    let counts = Counts::of(run);
    let with_errors = entries.iter().filter(|e| e.row.counts[0] > 0).count();
    let [errors, warnings, infos, hints] = counts.by_severity;
    page.push_str("<section id=\"summary\"><h2>概况</h2><ul class=\"summary\">");
    let _ = write!(
        page,
        "<li>检查了 {} 个文件、{} 份报告；{with_errors} 份报告有错误。<li>发现 <span class=\"error\">{errors} 个错误</span>、<span class=\"warning\">{warnings} 个警告</span>、<span class=\"info\">{} 个提示</span>",
        counts.files,
        entries.len(),
        infos + hints
    );
    if counts.reviewed > 0 {
        let _ = write!(
            page,
            "；另有 {} 个已复核的问题（灰色显示）",
            counts.reviewed
        );
    }
    page.push('。');
    if counts.not_reports > 0 {
        let _ = write!(
            page,
            "<li>跳过了 {} 个不像年度报告的文件。",
            counts.not_reports
        );
    }
    let not_read: Vec<(Option<&std::path::PathBuf>, &str)> = run.not_read().collect();
    if !not_read.is_empty() {
        let _ = write!(page, "<li>{} 个文件无法读取，未检查：<ul>", not_read.len());
        for (path, why) in not_read {
            match path {
                Some(p) => {
                    let _ = write!(page, "<li><b>{}</b>：{}", esc(&shown(p)), esc(why));
                }
                None => {
                    let _ = write!(page, "<li>{}", esc(why));
                }
            }
        }
        page.push_str("</ul>");
    }
    page.push_str("</ul></section>\n");
}

fn checks_chart(page: &mut String, run: &Run) {
    let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
    for file in run.checked() {
        for d in file.shown() {
            *by_code.entry(d.code).or_default() += 1;
        }
    }
    if by_code.is_empty() {
        return;
    }
    let mut bars: Vec<(&'static str, usize)> = by_code.into_iter().collect();
    bars.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    page.push_str("<section id=\"checks\"><h2>各项检查发现的问题</h2>\n");
    page.push_str(&charts::bars(&bars));
    page.push_str("</section>\n");
}

/// A number for a sortable cell: the text shown and the value sorted by.
fn num_cell(page: &mut String, v: Option<String>, percent: bool) {
    match v {
        Some(v) => {
            let shown = if percent {
                v.parse::<f64>()
                    .map_or(v.clone(), |f| format!("{:.2}%", f * 100.0))
            } else {
                v.clone()
            };
            let _ = write!(page, "<td class=n data-v=\"{v}\">{shown}");
        }
        None => page.push_str("<td class=n data-v=\"\">—"),
    }
}

fn report_table(page: &mut String, entries: &[Entry<'_>]) {
    page.push_str("<section id=\"reports\"><h2>报告一览</h2>\n");
    page.push_str("<p class=\"noprint\"><input id=\"filter\" type=\"search\" placeholder=\"筛选：机关、年度、格式、文件名…\"> 点击表头排序。</p>\n");
    page.push_str("<table id=\"report-table\"><thead><tr><th>机关<th data-type=\"num\">年度<th>格式<th>文件<th data-type=\"num\">错误<th data-type=\"num\">警告");
    for f in FIGURES {
        let _ = write!(page, "<th data-type=\"num\">{}", esc(f));
    }
    for m in &nianbao_model::measures::MEASURES {
        let _ = write!(
            page,
            "<th data-type=\"num\" title=\"{}\">{}",
            esc(m.formula),
            m.name
        );
    }
    page.push_str("</thead><tbody>\n");
    for (n, e) in entries.iter().enumerate() {
        let r = &e.row;
        let name = if r.body.is_empty() {
            shown_file(&r.file)
        } else {
            r.body.clone()
        };
        let _ = write!(
            page,
            "<tr><td><a href=\"#r{n}\">{}</a><td class=n>{}<td>{}<td>{}",
            esc(&name),
            r.year.map_or(String::new(), |y| y.to_string()),
            r.format,
            esc(&shown_file(&r.file))
        );
        num_cell(page, Some(r.counts[0].to_string()), false);
        num_cell(page, Some(r.counts[1].to_string()), false);
        for v in &r.figures {
            num_cell(page, v.map(|v| v.to_string()), false);
        }
        for (i, v) in r.measures.iter().enumerate() {
            num_cell(page, v.map(|v| v.to_string()), i >= 3);
        }
        page.push('\n');
    }
    page.push_str("</tbody></table></section>\n");
}

/// A file's name without its folders, for a report without a title.
fn shown_file(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

fn years(page: &mut String, entries: &[Entry<'_>]) {
    let mut bodies: BTreeMap<&str, Vec<&Entry<'_>>> = BTreeMap::new();
    for e in entries {
        if !e.row.body.is_empty() && e.row.year.is_some() {
            bodies.entry(e.row.body.as_str()).or_default().push(e);
        }
    }
    bodies.retain(|_, es| {
        es.sort_by_key(|e| e.row.year);
        es.dedup_by_key(|e| e.row.year);
        es.len() >= 2
    });
    if bodies.is_empty() {
        return;
    }
    page.push_str("<section id=\"years\"><h2>同一机关的各年度</h2>\n");
    for (body, es) in bodies {
        let _ = writeln!(page, "<h3>{}</h3>", esc(body));
        let series: Vec<(String, Vec<(f64, f64)>)> =
            [(0usize, "申请总数"), (1, "办结数"), (2, "结转数")]
                .iter()
                .map(|&(m, name)| {
                    let points = es
                        .iter()
                        .filter_map(|e| {
                            let v: f64 = e.row.measures[m]?.to_string().parse().ok()?;
                            Some((f64::from(e.row.year?), v))
                        })
                        .collect();
                    (name.to_string(), points)
                })
                .collect();
        page.push_str(&charts::lines(body, &series));
        let mut cross = String::new();
        for e in &es {
            for (d, _) in e.file.findings() {
                if d.code.starts_with("last-year") {
                    let _ = write!(
                        cross,
                        "<li class=\"{}\">{} 年：{}",
                        severity_class(d.severity),
                        e.row.year.unwrap_or(0),
                        esc(&d.message)
                    );
                }
            }
        }
        if !cross.is_empty() {
            let _ = write!(page, "<p>与上一年度报告比较：</p><ul>{cross}</ul>");
        }
    }
    page.push_str("</section>\n");
}

fn report_section(page: &mut String, n: usize, e: &Entry<'_>) {
    let file = e.file;
    let r = &e.row;
    let title = if r.body.is_empty() {
        shown_file(&r.file)
    } else {
        r.body.clone()
    };
    let _ = writeln!(
        page,
        "<section class=\"report\" id=\"r{n}\"><h2>{}{}</h2><p class=\"meta\">{}（{} 年版格式）</p>",
        esc(&title),
        r.year.map_or(String::new(), |y| format!(" {y} 年")),
        esc(&r.file),
        r.format
    );
    let Some(view) = file.analysis.reports().get(e.index) else {
        page.push_str("</section>\n");
        return;
    };
    let index = file.lines.index();
    let in_report =
        |range: TextRange| view.range.start <= range.start && range.start <= view.range.end;
    let findings: Vec<_> = file
        .findings()
        .filter(|(d, _)| in_report(d.range))
        .collect();
    if findings.is_empty() {
        page.push_str("<p>未发现问题。</p>\n");
    } else {
        page.push_str("<ul>");
        for (d, reviewed) in findings {
            let place = match file.map.as_ref().and_then(|m| m.at(d.range.start)) {
                Some(origin) => origin.to_string(),
                None => {
                    let at = index.line_col(d.range.start, ColumnUnit::Char);
                    format!("第{}行", at.line + 1)
                }
            };
            let class = if reviewed.is_some() {
                "reviewed"
            } else {
                severity_class(d.severity)
            };
            let _ = write!(
                page,
                "<li class=\"{class}\">{}【{}】{}：{}",
                severity_name(d.severity),
                d.code,
                place,
                esc(&d.message)
            );
            if let Some(note) = reviewed {
                let _ = write!(
                    page,
                    " <span class=\"note\">（已复核{}{}）</span>",
                    if note.is_empty() { "" } else { "：" },
                    esc(note)
                );
            }
        }
        page.push_str("</ul>\n");
    }
    let report = view.report();
    let cells = nianbao_ide::cells(&report);
    // The computed value beside each total that disagrees with its addends.
    let hints: BTreeMap<usize, String> =
        nianbao_ide::inlay_hints(&file.analysis, view.range, false)
            .into_iter()
            .filter(|h| h.mismatch)
            .map(|h| (h.offset, h.label))
            .collect();
    grid(
        page,
        "表三",
        &cells,
        &hints,
        &nianbao_model::template::T3_COLUMNS,
    );
    grid(
        page,
        "表四",
        &cells,
        &hints,
        &nianbao_model::template::T4_RESULTS,
    );
    page.push_str("<p class=\"legend\"><span class=\"n\" style=\"background:#ffe3e3\">合计不符</span><span style=\"background:#e6f4ff\">由合计关系分开的单元格</span><span style=\"background:#fff3cd\">无法确定的分法</span><span style=\"background:#eee\">未读出</span></p>");
    page.push_str("</section>\n");
}

/// A table as read: a row per template row, a column per template column.
fn grid(
    page: &mut String,
    table: &str,
    cells: &[CellRecord],
    hints: &BTreeMap<usize, String>,
    columns: &[&str],
) {
    let own: Vec<&CellRecord> = cells.iter().filter(|c| c.table == table).collect();
    if own.is_empty() {
        return;
    }
    let _ = write!(page, "<h3>{table}</h3><table class=\"grid\"><tr><th>");
    for c in columns {
        let _ = write!(page, "<th>{c}");
    }
    for row in own.chunks(columns.len()) {
        let _ = write!(
            page,
            "\n<tr><th style=\"text-align:left\">{}",
            esc(&row[0].row)
        );
        for cell in row {
            let hint = cell.range.and_then(|r| hints.get(&r.end));
            let class = match (hint, cell.read_as) {
                (Some(_), _) => "n bad",
                (None, ReadAs::Recovered) => "n rec",
                (None, ReadAs::Ambiguous) => "n amb",
                (None, ReadAs::Unread) => "n unr",
                (None, ReadAs::Blank) => "n blank",
                (None, ReadAs::Cell) => "n",
            };
            let text = match cell.read_as {
                ReadAs::Unread | ReadAs::Ambiguous if cell.text.is_empty() => "—".to_string(),
                _ => esc(&cell.text),
            };
            let _ = write!(page, "<td class=\"{class}\">{text}");
            if let Some(h) = hint {
                let _ = write!(page, "<span class=\"exp\">{}</span>", esc(h));
            }
        }
    }
    page.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use crate::output::test_support;

    #[test]
    fn a_page_with_everything_inside() {
        let mut out = Vec::new();
        super::write(&mut out, &test_support::run()).unwrap();
        let page = String::from_utf8(out).unwrap();
        // Nothing is fetched: no URL a browser would load.
        for outside in ["src=\"http", "href=\"http", "@import", "url(", "<link"] {
            assert!(!page.contains(outside), "{outside}");
        }
        assert!(page.contains("<svg"), "the chart is inline");
        assert!(page.contains("<table id=\"report-table\">"));
        assert!(page.contains("<a href=\"#r0\">泉港区人民政府</a>"));
        // The wrong total, highlighted with the value it should have.
        assert!(
            page.contains("<td class=\"n bad\">0<span class=\"exp\">= 2</span>"),
            "{page}"
        );
        assert!(page.contains("扫描件.pdf</b>：PDF 没有文字层"));
    }
}
