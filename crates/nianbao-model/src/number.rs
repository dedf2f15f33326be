//! Exact numbers. Counts are integers and amounts are decimals; both are held as an
//! integer mantissa and a decimal scale, never as floating point, so `18228.47584` is
//! exactly what the report says and sums compare exactly.

use std::cmp::Ordering;
use std::fmt;

/// `mantissa × 10^-scale`, exactly.
#[derive(Clone, Copy, Debug)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

const MAX_SCALE: u32 = 18;

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    pub fn from_int(v: i64) -> Decimal {
        Decimal {
            mantissa: v as i128,
            scale: 0,
        }
    }

    /// `mantissa × 10^-scale`.
    pub fn from_scaled(mantissa: i128, scale: u32) -> Decimal {
        Decimal {
            mantissa,
            scale: scale.min(MAX_SCALE),
        }
    }

    pub fn is_integer(self) -> bool {
        // Tested first: the compiler may compute `mantissa % 10` (an i128 division) ahead
        // of the loop's `scale > 0`, and nearly every count has scale 0.
        self.scale == 0 || self.normalized().scale == 0
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// The value as an integer, when it is one.
    pub fn as_int(self) -> Option<i128> {
        let n = self.normalized();
        (n.scale == 0).then_some(n.mantissa)
    }

    fn normalized(self) -> Decimal {
        let mut d = self;
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        d
    }

    fn rescale(self, scale: u32) -> Option<i128> {
        self.mantissa
            .checked_mul(10i128.checked_pow(scale - self.scale)?)
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        if self.scale == other.scale {
            return Some(Decimal {
                mantissa: self.mantissa.checked_add(other.mantissa)?,
                scale: self.scale,
            });
        }
        let scale = self.scale.max(other.scale);
        Some(Decimal {
            mantissa: self.rescale(scale)?.checked_add(other.rescale(scale)?)?,
            scale,
        })
    }

    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        self.checked_add(Decimal {
            mantissa: other.mantissa.checked_neg()?,
            scale: other.scale,
        })
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Decimal) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        // At the same scale (counts: scale 0) the mantissas compare as the values do.
        if self.scale == other.scale {
            return self.mantissa.cmp(&other.mantissa);
        }
        let (a, b) = (self.normalized(), other.normalized());
        let scale = a.scale.max(b.scale);
        match (a.rescale(scale), b.rescale(scale)) {
            (Some(x), Some(y)) => x.cmp(&y),
            // Only reachable for values beyond 10^20, which parsing never produces.
            _ => a.mantissa.signum().cmp(&b.mantissa.signum()),
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.normalized();
        if n.scale == 0 {
            return write!(f, "{}", n.mantissa);
        }
        let sign = if n.mantissa < 0 { "-" } else { "" };
        let abs = n.mantissa.unsigned_abs();
        let pow = 10u128.pow(n.scale);
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / pow,
            abs % pow,
            width = n.scale as usize
        )
    }
}

/// A unit written after an amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Yuan,
    WanYuan,
    YiYuan,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
            Unit::YiYuan => "亿元",
        }
    }

    /// The unit a text ends with (`…万元`, `（单位：万元）`, `(元)`).
    pub fn suffix_of(text: &str) -> Option<Unit> {
        let t = text.trim_end_matches([')', '）', ' ']);
        if t.ends_with("亿元") {
            Some(Unit::YiYuan)
        } else if t.ends_with("万元") {
            Some(Unit::WanYuan)
        } else if t.ends_with('元') {
            Some(Unit::Yuan)
        } else {
            None
        }
    }
}

/// A number as written in a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number {
    pub value: Decimal,
    pub unit: Option<Unit>,
    /// Written with full-width digits (`１２`).
    pub full_width: bool,
    /// Written with thousands separators (`1,234`).
    pub thousands: bool,
    /// A whole count written with its measure word (`2笔`, `3件`): read, said as style.
    pub counter: Option<char>,
}

/// The measure words a count may be written with in a cell (`2笔`, `3件`).
pub const COUNTERS: [char; 7] = ['笔', '件', '项', '个', '次', '条', '家'];

/// The text trimmed, without its unit (`元`, `万元`, `亿元`), and the unit.
fn split_unit(text: &str) -> (&str, Option<Unit>) {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    for u in [Unit::YiYuan, Unit::WanYuan, Unit::Yuan] {
        if let Some(rest) = t.strip_suffix(u.as_str()) {
            return (rest.trim_end(), Some(u));
        }
    }
    (t, None)
}

/// A character of a number as ASCII: full-width digits and point, the Chinese comma,
/// full-width and typographic signs; `full_width` is set when one was full-width.
fn ascii_of(ch: char, full_width: &mut bool) -> Option<char> {
    Some(match ch {
        '０'..='９' => {
            *full_width = true;
            char::from_u32(ch as u32 - '０' as u32 + '0' as u32)?
        }
        '．' => {
            *full_width = true;
            '.'
        }
        '，' => ',',
        '－' | '−' => '-',
        '＋' => '+',
        c => c,
    })
}

/// Reads a cell as a number: an optional sign, digits (ASCII or full-width) with optional
/// thousands separators, an optional decimal part and an optional unit (`元`, `万元`,
/// `亿元`); or a whole count with its measure word (`2笔`, [`COUNTERS`]). Anything else
/// is not a number.
pub fn parse_number(text: &str) -> Option<Number> {
    // Most cells are plain counts.
    let digits = text.as_bytes();
    if !digits.is_empty() && digits.len() <= 20 && digits.iter().all(u8::is_ascii_digit) {
        let mantissa = digits
            .iter()
            .fold(0i128, |m, &d| m * 10 + i128::from(d - b'0'));
        return Some(Number {
            value: Decimal { mantissa, scale: 0 },
            unit: None,
            full_width: false,
            thousands: false,
            counter: None,
        });
    }
    let trimmed = text.trim();
    if let Some(c) = trimmed.chars().next_back().filter(|c| COUNTERS.contains(c)) {
        // A whole, unsigned count and its measure word, nothing else (one word: what is
        // left is read without this branch, so 「1件件…」 never recurses).
        let rest = trimmed[..trimmed.len() - c.len_utf8()].trim_end();
        if rest.ends_with(COUNTERS) {
            return None;
        }
        let count = parse_number(rest)?;
        let whole = count.value.scale == 0 && count.value.mantissa >= 0;
        return (whole && count.unit.is_none() && count.counter.is_none()).then_some(Number {
            counter: Some(c),
            ..count
        });
    }
    let (t, unit) = split_unit(text);
    // One pass, no allocation: every cell of every table goes through here.
    let mut full_width = false;
    let mut negative = false;
    let mut mantissa: i128 = 0;
    let (mut int_digits, mut frac_digits) = (0usize, 0usize);
    let mut in_frac = false;
    let mut thousands = false;
    // Digits since the start or the last thousands separator.
    let mut group = 0usize;
    for (i, ch) in t.chars().enumerate() {
        let c = ascii_of(ch, &mut full_width)?;
        match c {
            '0'..='9' => {
                if in_frac {
                    frac_digits += 1;
                } else {
                    int_digits += 1;
                    group += 1;
                }
                if int_digits > 20 || frac_digits > MAX_SCALE as usize {
                    return None;
                }
                // At most 20 + MAX_SCALE = 38 digits: always within an i128.
                mantissa = mantissa * 10 + i128::from(c as u8 - b'0');
            }
            '-' | '+' if i == 0 => negative = c == '-',
            '.' if !in_frac => {
                if thousands && group != 3 {
                    return None;
                }
                in_frac = true;
            }
            ',' if !in_frac => {
                let first = !thousands;
                if (first && !(1..=3).contains(&group)) || (!first && group != 3) {
                    return None;
                }
                thousands = true;
                group = 0;
            }
            _ => return None,
        }
    }
    if int_digits == 0 || (in_frac && frac_digits == 0) || (thousands && !in_frac && group != 3) {
        return None;
    }
    if negative {
        mantissa = -mantissa;
    }
    Some(Number {
        value: Decimal {
            mantissa,
            scale: frac_digits as u32,
        },
        unit,
        full_width,
        thousands,
        counter: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        parse_number(text).unwrap().value
    }

    #[test]
    fn a_count_with_its_measure_word() {
        let n = parse_number("2笔").unwrap();
        assert_eq!((n.value.to_string(), n.counter), ("2".into(), Some('笔')));
        assert_eq!(parse_number(" 12 件 ").unwrap().counter, Some('件'));
        // Only a whole, unsigned count without an amount's unit.
        let many = format!("1{}", "件".repeat(200_000));
        for not in [
            "笔",
            "2.5笔",
            "-2件",
            "2元件",
            "2笔笔",
            "二笔",
            many.as_str(),
        ] {
            assert_eq!(parse_number(not), None, "{not}");
        }
        assert_eq!(parse_number("984361元").unwrap().counter, None);
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(d("18228.47584").to_string(), "18228.47584");
        assert_eq!(d("0.1").checked_add(d("0.2")).unwrap(), d("0.3"));
        assert_eq!(d("2.50"), d("2.5"));
        assert!(d("24252.311082") > d("24252.311081"));
        assert_eq!(d("-156").to_string(), "-156");
    }

    #[test]
    fn styles_and_units() {
        let n = parse_number("１２３").unwrap();
        assert!(n.full_width && n.value == Decimal::from_int(123));
        let n = parse_number("1,234,567").unwrap();
        assert!(n.thousands && n.value == Decimal::from_int(1234567));
        let n = parse_number("2091200052.16元").unwrap();
        assert_eq!(
            (n.unit, n.value.to_string().as_str()),
            (Some(Unit::Yuan), "2091200052.16")
        );
        assert_eq!(parse_number("6834.335 元").unwrap().unit, Some(Unit::Yuan));
        assert_eq!(parse_number("12万元").unwrap().unit, Some(Unit::WanYuan));
    }

    #[test]
    fn not_numbers() {
        for t in [
            "",
            "/",
            "—",
            "十",
            "1,23",
            "12a",
            "1.",
            ".5",
            "230 000023",
            "1.2.3",
            "99999999999999999999999",
        ] {
            assert!(parse_number(t).is_none(), "{t}");
        }
    }

    /// The first implementation: clear, and three allocations per cell. The one-pass
    /// parser must agree with it on every text.
    fn reference(text: &str) -> Option<Number> {
        let (t, unit) = split_unit(text);
        let mut full_width = false;
        let mut ascii = String::new();
        for ch in t.chars() {
            ascii.push(ascii_of(ch, &mut full_width)?);
        }
        let (negative, body) = match ascii.as_bytes().first() {
            Some(b'-') => (true, &ascii[1..]),
            Some(b'+') => (false, &ascii[1..]),
            _ => (false, &ascii[..]),
        };
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let thousands = int_part.contains(',');
        if thousands {
            let mut groups = int_part.split(',');
            let first = groups.next()?;
            if first.is_empty() || first.len() > 3 || !groups.all(|g| g.len() == 3) {
                return None;
            }
        }
        let digits: String = int_part.chars().filter(|&c| c != ',').collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() > 20 {
            return None;
        }
        let frac = frac_part.unwrap_or("");
        if frac_part.is_some()
            && (frac.is_empty()
                || !frac.bytes().all(|b| b.is_ascii_digit())
                || frac.len() > MAX_SCALE as usize)
        {
            return None;
        }
        let mut mantissa: i128 = format!("{digits}{frac}").parse().ok()?;
        if negative {
            mantissa = -mantissa;
        }
        Some(Number {
            value: Decimal {
                mantissa,
                scale: frac.len() as u32,
            },
            unit,
            full_width,
            thousands,
            counter: None,
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn one_pass_agrees_with_reference(
            text in "[0-9０-９.．,，+＋\\-－− a万元亿]{0,12}|[0-9]{18,24}(\\.[0-9]{1,20})?",
        ) {
            let got = parse_number(&text);
            let want = reference(&text);
            proptest::prop_assert_eq!(
                got.map(|n| (n.value.mantissa, n.value.scale, n.unit, n.full_width, n.thousands)),
                want.map(|n| (n.value.mantissa, n.value.scale, n.unit, n.full_width, n.thousands)),
                "{:?}", text
            );
        }

        #[test]
        fn decimals_compare_and_add_as_their_values(
            a in -1_000_000_000_000i128..1_000_000_000_000,
            sa in 0u32..5,
            b in -1_000_000_000_000i128..1_000_000_000_000,
            sb in 0u32..5,
        ) {
            let (x, y) = (Decimal { mantissa: a, scale: sa }, Decimal { mantissa: b, scale: sb });
            let scale = sa.max(sb);
            let want = (a * 10i128.pow(scale - sa)).cmp(&(b * 10i128.pow(scale - sb)));
            proptest::prop_assert_eq!(x.cmp(&y), want);
            proptest::prop_assert_eq!(x == y, want == Ordering::Equal);
            let sum = x.checked_add(y).expect("no overflow at this size");
            proptest::prop_assert_eq!(sum.scale, scale);
            proptest::prop_assert_eq!(
                sum.mantissa,
                a * 10i128.pow(scale - sa) + b * 10i128.pow(scale - sb)
            );
        }
    }
}
