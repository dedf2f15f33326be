//! PDF: each page interpreted by `hayro-interpret` (pure Rust), collecting what a table
//! reader needs — every glyph with its position, size, advance and Unicode text, every
//! straight ruling line, and how many images were drawn — and then laid out from that
//! geometry by [`layout`].
//!
//! Why hayro: measured on the 淮安市 2024 report (`../shared/corpus/pdf/`) against
//! `pdf-extract`, `lopdf`, `pdf_oxide`, `pdf` and `oxidize-pdf`, it was the fastest
//! (12–18 ms for the file), gave every Chinese character right through the fonts' ToUnicode
//! and CID maps (with the predefined CMaps built in for fonts that are not embedded), and
//! survived thirty damaged copies of the file without a panic, with a distinct error for a
//! password. It gives glyphs with positions rather than text, which is what rebuilding
//! table rows needs.

mod layout;
mod scan;

use hayro_interpret::font::{Glyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};
use hayro_syntax::{DecryptionError, LoadPdfError, Pdf};

use crate::{Converted, Error};

/// One glyph in page space: origin at the top left, y growing down, in points.
#[derive(Clone, Debug)]
pub(crate) struct PdfGlyph {
    /// The pen position on the baseline (the glyph's left edge).
    pub x: f64,
    pub y: f64,
    /// The font size as drawn.
    pub size: f64,
    /// The advance width (0 when the font does not say).
    pub advance: f64,
    /// Whether the glyph is upright (not rotated).
    pub upright: bool,
    /// Its Unicode text; `None` when the font gives none.
    pub text: Option<String>,
}

/// A straight ruling line: horizontal (`y` fixed, `from..to` in x) or vertical.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rule {
    pub horizontal: bool,
    /// y of a horizontal rule, x of a vertical one.
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

/// What one page drew.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub height: f64,
    pub glyphs: Vec<PdfGlyph>,
    pub rules: Vec<Rule>,
    pub images: usize,
}

struct Collector<'b> {
    page: Page,
    /// The last run filled, to drop its stroked copy (fake bold draws text twice).
    last_fill: Option<(usize, i64, i64)>,
    /// What the whole document may still draw (see [`Budget`]).
    budget: &'b mut Budget,
}

/// How much a document may draw, against files made to exhaust the reader: glyphs
/// (each kept with its text) and drawing operations of any kind (a form drawn twice by
/// each of 45 nested forms is 2^45 operations). A real report is far below both: the
/// largest we hold (12 pages) draws about 30,000 glyphs and 20,000 other operations.
#[derive(Debug)]
struct Budget {
    glyphs: u64,
    operations: u64,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            glyphs: MAX_GLYPHS,
            operations: MAX_OPERATIONS,
        }
    }
}

/// The most glyphs a document is read with (30 times the largest real report's).
const MAX_GLYPHS: u64 = 1_000_000;
/// The most drawing operations (paths, clips, groups, images, glyph runs) a document is
/// read with (50 times the largest real report's).
const MAX_OPERATIONS: u64 = 1_000_000;

/// The payload a page's interpretation is ended with when the budget is spent: unwound
/// with `resume_unwind`, so that no panic message is printed, and caught per page.
struct Exhausted(&'static str);

impl Collector<'_> {
    fn new(budget: &mut Budget) -> Collector<'_> {
        Collector {
            page: Page::default(),
            last_fill: None,
            budget,
        }
    }

    /// One drawing operation; the interpretation ends when the budget is spent.
    fn operation(&mut self) {
        if self.budget.operations == 0 {
            std::panic::resume_unwind(Box::new(Exhausted("绘图操作")));
        }
        self.budget.operations -= 1;
    }

    fn glyphs(&mut self, n: usize) {
        let n = n as u64;
        if self.budget.glyphs < n {
            std::panic::resume_unwind(Box::new(Exhausted("文字")));
        }
        self.budget.glyphs -= n;
    }
}

/// The longest a rule may be across (points) to count as a line, not a filled box.
const RULE_THICKNESS: f64 = 2.5;
/// The shortest ruling line kept.
const RULE_MIN: f64 = 2.0;

impl Collector<'_> {
    fn rule(&mut self, a: Point, b: Point) {
        let (dx, dy) = ((a.x - b.x).abs(), (a.y - b.y).abs());
        if dy <= 0.5 && dx >= RULE_MIN {
            self.page.rules.push(Rule {
                horizontal: true,
                at: (a.y + b.y) / 2.0,
                from: a.x.min(b.x),
                to: a.x.max(b.x),
            });
        } else if dx <= 0.5 && dy >= RULE_MIN {
            self.page.rules.push(Rule {
                horizontal: false,
                at: (a.x + b.x) / 2.0,
                from: a.y.min(b.y),
                to: a.y.max(b.y),
            });
        }
    }

    /// A filled shape thin enough to be a line: the line through its middle.
    fn thin_box(&mut self, b: Rect) {
        let (w, h) = (b.width(), b.height());
        if h <= RULE_THICKNESS && w >= RULE_MIN {
            let y = (b.y0 + b.y1) / 2.0;
            self.rule(Point::new(b.x0, y), Point::new(b.x1, y));
        } else if w <= RULE_THICKNESS && h >= RULE_MIN {
            let x = (b.x0 + b.x1) / 2.0;
            self.rule(Point::new(x, b.y0), Point::new(x, b.y1));
        }
    }
}

impl<'a> Device<'a> for Collector<'_> {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        self.operation();
        let path = props.transform * path.clone();
        match mode {
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => {
                // Each straight segment of a stroked path.
                let mut start = Point::ZERO;
                let mut at = Point::ZERO;
                for el in path.elements() {
                    match *el {
                        PathEl::MoveTo(p) => {
                            start = p;
                            at = p;
                        }
                        PathEl::LineTo(p) => {
                            self.rule(at, p);
                            at = p;
                        }
                        PathEl::ClosePath => {
                            self.rule(at, start);
                            at = start;
                        }
                        PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => at = p,
                    }
                }
            }
            DrawMode::Fill(_) => {
                // Each subpath's box: a thin one is a rule (as Word draws cell borders).
                let mut sub = BezPath::new();
                for el in path.elements() {
                    if matches!(el, PathEl::MoveTo(_)) && !sub.elements().is_empty() {
                        self.thin_box(sub.bounding_box());
                        sub = BezPath::new();
                    }
                    sub.push(*el);
                }
                if !sub.elements().is_empty() {
                    self.thin_box(sub.bounding_box());
                }
            }
            DrawMode::Invisible => {}
        }
    }
    fn push_clip_path(&mut self, _: &ClipPath) {
        self.operation();
    }
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {
        self.operation();
    }
    fn pop_clip(&mut self) {
        self.operation();
    }
    fn pop_transparency_group(&mut self) {
        self.operation();
    }
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.operation();
        self.page.images += 1;
    }
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, mode: &DrawMode) {
        self.operation();
        self.glyphs(run.glyphs().len());
        // Text drawn as fill and then stroke (fake bold) arrives twice: keep the fill.
        let key = run.glyphs().first().map(|g| {
            let p = (props.transform * g.transform()) * Point::ZERO;
            (run.glyphs().len(), (p.x * 10.0) as i64, (p.y * 10.0) as i64)
        });
        match mode {
            DrawMode::Stroke(_) if key.is_some() && key == self.last_fill => {
                self.last_fill = None;
                return;
            }
            DrawMode::Fill(_) => self.last_fill = key,
            _ => self.last_fill = None,
        }
        for g in run.glyphs() {
            // Glyph space is 1000 units an em.
            let t: Affine = props.transform * g.transform();
            let [a, b, c, d, _, _] = t.as_coeffs();
            let p = t * Point::ZERO;
            let scale = (a * d - b * c).abs().sqrt();
            let advance = match &**g {
                Glyph::Outline(o) => o.advance_width().map_or(0.0, f64::from) * scale,
                Glyph::Type3(_) => 0.0,
            };
            let text = g.as_unicode().map(|u| match u {
                BfString::Char(ch) => ch.to_string(),
                BfString::String(s) => s,
            });
            self.page.glyphs.push(PdfGlyph {
                x: p.x,
                y: p.y,
                size: scale * 1000.0,
                advance,
                upright: (-b).atan2(a).to_degrees().abs() < 1.0,
                text,
            });
        }
    }
}

/// Every page's glyphs, rules and images. A panic inside the interpreter (a damaged
/// page) loses that page, said as an error, never the process.
fn pages(data: Vec<u8>) -> Result<Vec<Page>, Error> {
    let pdf = Pdf::new(data).map_err(|e| match e {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => Error::Encrypted,
        LoadPdfError::Decryption(e) => Error::Damaged(format!("无法解密：{e:?}")),
        LoadPdfError::Invalid => Error::Damaged("不是有效的 PDF 文件".to_string()),
    })?;
    scan::refuse_hostile(&pdf)?;
    let cache = InterpreterCache::new();
    let mut out = Vec::new();
    let mut budget = Budget::default();
    for (i, page) in pdf.pages().iter().enumerate() {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let (w, h) = page.render_dimensions();
            let init = Affine::new(page.initial_transform(true).as_coeffs());
            let bbox = Rect::new(0.0, 0.0, f64::from(w), f64::from(h));
            let mut ctx = Context::new(
                init,
                bbox,
                &cache,
                pdf.xref(),
                InterpreterSettings::default(),
            );
            let mut collector = Collector::new(&mut budget);
            collector.page.height = f64::from(h);
            interpret_page(page, &mut ctx, &mut collector);
            collector.page
        }));
        match read {
            Ok(page) => out.push(page),
            Err(payload) => {
                if let Some(Exhausted(what)) = payload.downcast_ref::<Exhausted>() {
                    return Err(Error::TooMuch(format!(
                        "读到第 {} 页时{what}已超出上限",
                        i + 1
                    )));
                }
                tracing::warn!(page = i + 1, "the PDF interpreter failed on a page");
                return Err(Error::Damaged(format!("第 {} 页无法解析", i + 1)));
            }
        }
    }
    if out.is_empty() {
        // Page objects that the page tree could not use (a malformed page dictionary,
        // such as a MediaBox written `1e9`), or none at all.
        let written = scan::page_objects(pdf.data().as_ref());
        return Err(Error::Damaged(if written > 0 {
            format!("有 {written} 个页面对象，但都无法解析（页面字典有误）")
        } else {
            "PDF 中没有页面".to_string()
        }));
    }
    Ok(out)
}

pub(crate) fn convert(data: Vec<u8>) -> Result<Converted, Error> {
    let pages = pages(data)?;
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    let unmapped: usize = pages
        .iter()
        .flat_map(|p| &p.glyphs)
        .filter(|g| g.text.is_none())
        .count();
    if glyphs == 0 {
        return Err(Error::Scanned {
            pages: pages.len(),
            images: pages.iter().map(|p| p.images).sum(),
        });
    }
    // Text that is mostly U+FFFD would be a wall of false findings.
    if unmapped * 10 > glyphs * 3 {
        return Err(Error::NoUnicode { glyphs, unmapped });
    }
    Ok(layout::write(&pages))
}
