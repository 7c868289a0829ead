//! WCAG contrast between colour tokens, checked for the brand's values and again for every
//! market with its overrides, so a market cannot make text unreadable.

use std::collections::BTreeMap;

use super::theme::LoadedTheme;
use crate::Market;
use crate::reader::Reader;

/// Checks every declared pair for the brand values and for each market's overrides.
pub fn check(
    reader: &mut Reader<'_>,
    theme: &LoadedTheme,
    markets: &BTreeMap<String, Market>,
    market_file: impl Fn(&str) -> String,
) {
    for (i, pair) in theme.contrast.iter().enumerate() {
        let key = format!("contrast[{i}]");
        let brand = |name: &str| theme.tokens.get(name).map(|t| t.value.clone());
        let (Some(fg), Some(bg)) = (brand(&pair.foreground), brand(&pair.background)) else {
            reader.problem(&theme.file, &key, "names a token that does not exist");
            continue;
        };
        if let Some(rule) = failure(&fg, &bg, pair) {
            reader.problem(&theme.file, &key, rule);
            continue;
        }
        for market in markets.values() {
            let value = |name: &str, brand_value: &str| {
                market
                    .token_overrides
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| brand_value.to_owned())
            };
            let (m_fg, m_bg) = (value(&pair.foreground, &fg), value(&pair.background, &bg));
            if (m_fg != fg || m_bg != bg)
                && let Some(rule) = failure(&m_fg, &m_bg, pair)
            {
                let token = if m_fg != fg {
                    &pair.foreground
                } else {
                    &pair.background
                };
                reader.problem(&market_file(&market.id), format!("theme.{token}"), rule);
            }
        }
    }
}

fn failure(fg: &str, bg: &str, pair: &crate::raw::RawContrast) -> Option<String> {
    let (Some(f), Some(b)) = (parse_hex(fg), parse_hex(bg)) else {
        return Some(format!(
            "`{}` and `{}` must be #rrggbb colours to check their contrast",
            pair.foreground, pair.background
        ));
    };
    let ratio = contrast_ratio(f, b);
    (ratio + 1e-9 < pair.minimum).then(|| {
        format!(
            "`{}` ({fg}) on `{}` ({bg}) has a contrast of {ratio:.2}:1, below the required {}:1",
            pair.foreground, pair.background, pair.minimum
        )
    })
}

/// Parses `#rgb` or `#rrggbb`.
fn parse_hex(value: &str) -> Option<[u8; 3]> {
    let hex = value.trim().strip_prefix('#')?;
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

/// The WCAG 2 contrast ratio of two sRGB colours.
fn contrast_ratio(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_on_white_is_21_to_1() {
        let ratio = contrast_ratio([0, 0, 0], [255, 255, 255]);
        assert!((ratio - 21.0).abs() < 1e-9);
    }

    #[test]
    fn short_hex_expands() {
        assert_eq!(parse_hex("#fff"), Some([255, 255, 255]));
        assert_eq!(parse_hex("#1b3a4b"), Some([0x1b, 0x3a, 0x4b]));
        assert_eq!(parse_hex("red"), None);
    }

    #[test]
    fn mid_grey_on_white_fails_aa() {
        assert!(contrast_ratio([0x99, 0x99, 0x99], [255, 255, 255]) < 4.5);
        assert!(contrast_ratio([0x59, 0x5f, 0x66], [255, 255, 255]) > 4.5);
    }
}
