//! The page's charts, as inline SVG from `poloto`: findings per check as bars, a body's
//! key figures by year as lines. (`poloto` writes its labels as SVG text; `plotters`
//! would need a font file to lay its text out, and a CJK font is megabytes.)

use poloto::build::{bar::gen_bar, plot};

/// Horizontal bars: one per check code, its count.
pub fn bars(counts: &[(&str, usize)]) -> String {
    let data: Vec<(f64, String)> = counts
        .iter()
        .rev()
        .map(|(code, n)| (*n as f64, format!("{code}: {n}")))
        .collect();
    let (bar, ticks) = gen_bar("", data, [0.0]);
    let dim = [800.0, 120.0 + 32.0 * counts.len() as f64];
    let mut frame = poloto::frame();
    frame.with_viewbox(dim);
    let svg = frame
        .build()
        .data(poloto::plots!(bar))
        .map_yticks(|_| ticks)
        .build_and_label(("", "问题个数", ""))
        .append_to(
            poloto::header()
                .with_dim(dim)
                .with_viewbox(dim)
                .light_theme(),
        )
        .render_string()
        .unwrap_or_default();
    // The labels stand left of poloto's fixed margin: the view is widened to the left so
    // that a long check code is not cut.
    let [w, h] = dim;
    svg.replacen(
        &format!("width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\""),
        &format!(
            "width=\"{}\" height=\"{h}\" viewBox=\"-200 0 {} {h}\"",
            w + 200.0,
            w + 200.0
        ),
        1,
    )
}

/// Lines: each named series of (year, value) points.
pub fn lines(title: &str, series: &[(String, Vec<(f64, f64)>)]) -> String {
    let plots: Vec<_> = series
        .iter()
        .filter(|(_, points)| !points.is_empty())
        .map(|(name, points)| plot(name.clone()).line(points.clone()))
        .collect();
    poloto::frame_build()
        .data(plots)
        .build_and_label((title, "年度", "件"))
        .append_to(poloto::header().light_theme())
        .render_string()
        .unwrap_or_default()
}
