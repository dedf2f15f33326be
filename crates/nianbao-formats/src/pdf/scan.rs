//! A look at a PDF's objects before any page is drawn, for what the PDF library would
//! trust blindly and must not: values that make it divide by zero, allocate terabytes or
//! recurse until the stack overflows. A file holding one is refused with a message; the
//! child process `nianbao check` reads PDFs in (memory, time) bounds what no look ahead
//! can, such as a stream that inflates to gigabytes.
//!
//! - A stream's predictor (`/DecodeParms`): hayro divides by the row length and allocates
//!   a row before checking `/Columns`, `/Colors` and `/BitsPerComponent`.
//! - A PostScript calculator function (`/FunctionType 4`): hayro parses its braces
//!   recursively, one stack frame a level.
//! - A CID font's widths (`/W`, `/W2`): hayro inserts every code of a range, so
//!   `[0 4294967295 500]` is four billion entries.

use hayro_syntax::object::{Array, Dict, Object};
use hayro_syntax::Pdf;

use crate::Error;

/// The widest predictor row accepted: a real image row is a few thousand pixels.
const MAX_ROW_BYTES: i64 = 64 << 20;
/// The deepest nesting of braces in a calculator function (real ones nest a few levels).
const MAX_FUNCTION_DEPTH: usize = 100;
/// The largest range of character codes one `/W` or `/W2` entry may give widths to (CIDs
/// are 16-bit).
const MAX_WIDTH_RANGE: i64 = 1 << 16;

/// Every object is looked at once; an error names what would have been trusted.
pub(super) fn refuse_hostile(pdf: &Pdf) -> Result<(), Error> {
    for object in pdf.objects() {
        match object {
            Object::Stream(stream) => {
                let dict = stream.dict();
                for params in decode_params(dict) {
                    predictor(&params)?;
                }
                if dict.get::<i64>(b"FunctionType") == Some(4) {
                    if let Ok(code) = stream.decoded() {
                        function_depth(&code)?;
                    }
                }
                widths(dict)?;
            }
            Object::Dict(dict) => widths(&dict)?,
            _ => {}
        }
    }
    Ok(())
}

/// A stream's decode parameters: one dictionary, or one per filter.
fn decode_params<'a>(dict: &Dict<'a>) -> Vec<Dict<'a>> {
    for key in [&b"DecodeParms"[..], b"DP"] {
        if let Some(params) = dict.get::<Dict<'_>>(key) {
            return vec![params];
        }
        if let Some(list) = dict.get::<Array<'_>>(key) {
            return list
                .iter::<Object<'_>>()
                .filter_map(|o| o.into_dict())
                .collect();
        }
    }
    Vec::new()
}

fn predictor(params: &Dict<'_>) -> Result<(), Error> {
    let predictor = params.get::<i64>(b"Predictor").unwrap_or(1);
    if predictor <= 1 {
        return Ok(());
    }
    let colors = params.get::<i64>(b"Colors").unwrap_or(1);
    let bits = params.get::<i64>(b"BitsPerComponent").unwrap_or(8);
    let columns = params.get::<i64>(b"Columns").unwrap_or(1);
    let valid = (1..=32).contains(&colors)
        && matches!(bits, 1 | 2 | 4 | 8 | 16)
        && colors * bits < 256
        && (1..=MAX_ROW_BYTES).contains(&columns)
        && columns * colors * bits / 8 <= MAX_ROW_BYTES;
    if valid {
        Ok(())
    } else {
        Err(Error::Damaged(format!(
            "数据流的解码参数无效（Predictor {predictor}，Colors {colors}，BitsPerComponent {bits}，Columns {columns}）"
        )))
    }
}

fn function_depth(code: &[u8]) -> Result<(), Error> {
    let mut depth = 0usize;
    for &b in code {
        match b {
            b'{' => {
                depth += 1;
                if depth > MAX_FUNCTION_DEPTH {
                    return Err(Error::Damaged(format!(
                        "计算函数（FunctionType 4）嵌套超过 {MAX_FUNCTION_DEPTH} 层"
                    )));
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// `/W` (`c [w…]` or `first last w`) and `/W2` (`c [w v x…]` or `first last w v x`).
fn widths(dict: &Dict<'_>) -> Result<(), Error> {
    for key in [&b"W"[..], b"W2"] {
        let Some(list) = dict.get::<Array<'_>>(key) else {
            continue;
        };
        let items: Vec<Object<'_>> = list.iter::<Object<'_>>().collect();
        let mut i = 0;
        while i < items.len() {
            let first = number(&items[i]);
            match items.get(i + 1) {
                Some(Object::Array(_)) => i += 2,
                Some(next) => {
                    let (Some(first), Some(last)) = (first, number(next)) else {
                        break;
                    };
                    if first < 0 || last - first > MAX_WIDTH_RANGE {
                        return Err(Error::Damaged(format!(
                            "字体的宽度表无效（字符范围 {first}–{last}）"
                        )));
                    }
                    i += if key == b"W" { 3 } else { 5 };
                }
                None => break,
            }
        }
    }
    Ok(())
}

fn number(object: &Object<'_>) -> Option<i64> {
    match object {
        Object::Number(n) => Some(n.as_i64()),
        _ => None,
    }
}

/// How many page objects (`/Type /Page`) a file's bytes hold, for the message when the
/// page tree gives none.
pub(super) fn page_objects(bytes: &[u8]) -> usize {
    let mut n = 0;
    for pattern in [&b"/Type/Page"[..], b"/Type /Page"] {
        n += memchr::memmem::find_iter(bytes, pattern)
            .filter(|&at| bytes.get(at + pattern.len()) != Some(&b's'))
            .count();
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_counted_and_pages_found() {
        assert!(function_depth(b"{ 1 add { dup } if }").is_ok());
        let deep = "{".repeat(MAX_FUNCTION_DEPTH + 1);
        assert!(function_depth(deep.as_bytes()).is_err());
        assert_eq!(
            page_objects(b"<< /Type /Pages /Kids [1 0 R] >> << /Type /Page >> <</Type/Page>>"),
            2
        );
    }
}
