//! Which paragraph styles of `styles.xml` are headings, and of what level.

use super::*;

/// The heading level (0 = level 1) of each paragraph style that has one: from its outline
/// level, its name (`heading 2`, `标题 2`), or the style it is based on.
pub(super) fn heading_styles(xml: &str) -> HashMap<String, u8> {
    struct Style {
        outline: Option<u8>,
        name: Option<String>,
        based_on: Option<String>,
    }
    let mut styles: HashMap<String, Style> = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    let mut r = reader(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match local(e.name().as_ref()) {
                b"style" => {
                    current = attr(&e, "styleId").map(|id| {
                        (
                            id,
                            Style {
                                outline: None,
                                name: None,
                                based_on: None,
                            },
                        )
                    });
                }
                b"name" => {
                    if let Some((_, s)) = &mut current {
                        s.name = attr(&e, "val");
                    }
                }
                b"basedOn" => {
                    if let Some((_, s)) = &mut current {
                        s.based_on = attr(&e, "val");
                    }
                }
                b"outlineLvl" => {
                    if let Some((_, s)) = &mut current {
                        s.outline = attr(&e, "val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if local(e.name().as_ref()) == b"style" => {
                if let Some((id, s)) = current.take() {
                    styles.insert(id, s);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let named = |name: &str| -> Option<u8> {
        let lower = name.to_lowercase();
        let n = lower
            .strip_prefix("heading")
            .or_else(|| lower.strip_prefix("标题"))?
            .trim();
        n.parse::<u8>()
            .ok()
            .filter(|n| (1..=9).contains(n))
            .map(|n| n - 1)
    };
    let level = |id: &str| -> Option<u8> {
        let mut id = id;
        for _ in 0..8 {
            let s = styles.get(id)?;
            if let Some(l) = s.outline.or_else(|| s.name.as_deref().and_then(named)) {
                return Some(l);
            }
            id = s.based_on.as_deref()?;
        }
        None
    };
    styles
        .keys()
        .filter_map(|id| Some((id.clone(), level(id).filter(|&l| l < 9)?)))
        .collect()
}
