//! Plugin text made safe to show: no control characters, and no bidirectional formatting
//! that could reach past the plugin's own text and reorder the page around it.

use std::borrow::Cow;

/// Explicit bidirectional embeddings and overrides, closed by U+202C (PDF).
const EMBEDDINGS: [char; 4] = ['\u{202a}', '\u{202b}', '\u{202d}', '\u{202e}'];
/// Pop directional formatting.
const PDF: char = '\u{202c}';
/// Isolates (LRI, RLI, FSI), closed by U+2069 (PDI).
const ISOLATES: [char; 3] = ['\u{2066}', '\u{2067}', '\u{2068}'];
/// Pop directional isolate.
const PDI: char = '\u{2069}';

fn is_bidi_control(c: char) -> bool {
    EMBEDDINGS.contains(&c) || ISOLATES.contains(&c) || c == PDF || c == PDI
}

/// Control characters have no place in page text (tabs and line breaks aside).
fn is_unwanted_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Data a plugin shows as is (a store name, an argument): control characters and every
/// explicit bidirectional control removed. The theme isolates nothing itself, and data never
/// needs them: the storefront's direction and Fluent's isolation marks place it.
pub fn clean_data(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_unwanted_control(c) || is_bidi_control(c))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|c| !is_unwanted_control(*c) && !is_bidi_control(*c))
            .collect(),
    )
}

/// A resolved message: control characters removed, and bidirectional formatting balanced so
/// that it ends where the text ends (a closer without an opener is dropped; an opener left
/// open is closed). Isolation marks that Fluent puts around placeables are kept.
pub fn balance_bidi(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_unwanted_control(c) || is_bidi_control(c))
    {
        return Cow::Borrowed(text);
    }
    let mut open: Vec<char> = Vec::new();
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if is_unwanted_control(c) {
            continue;
        }
        if EMBEDDINGS.contains(&c) || ISOLATES.contains(&c) {
            open.push(c);
        } else if c == PDF {
            if !open.last().is_some_and(|o| EMBEDDINGS.contains(o)) {
                continue;
            }
            open.pop();
        } else if c == PDI {
            let Some(at) = open.iter().rposition(|o| ISOLATES.contains(o)) else {
                continue;
            };
            // A PDI also ends the embeddings opened inside its isolate.
            open.truncate(at);
        }
        out.push(c);
    }
    for opener in open.iter().rev() {
        out.push(if ISOLATES.contains(opener) { PDI } else { PDF });
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_loses_controls_and_every_bidi_control() {
        assert_eq!(clean_data("Vitrine Paris"), "Vitrine Paris");
        assert_eq!(clean_data("evil\u{202e}txt.exe\u{202c}"), "eviltxt.exe");
        assert_eq!(clean_data("a\u{0}b\u{1b}[31mc\n"), "ab[31mc\n");
        assert_eq!(clean_data("\u{2067}x"), "x");
    }

    #[test]
    fn messages_keep_balanced_isolates_and_close_what_they_open() {
        let fluent = "مرحبا \u{2068}Vitrine\u{2069}";
        assert_eq!(balance_bidi(fluent), fluent);
        assert_eq!(balance_bidi("a\u{202e}b"), "a\u{202e}b\u{202c}");
        assert_eq!(
            balance_bidi("a\u{202c}\u{2069}b"),
            "ab",
            "closers without openers"
        );
        assert_eq!(
            balance_bidi("\u{2067}x\u{202e}y\u{2069}z"),
            "\u{2067}x\u{202e}y\u{2069}z",
            "a PDI ends the override inside its isolate"
        );
        assert_eq!(
            balance_bidi("\u{2066}\u{202b}"),
            "\u{2066}\u{202b}\u{202c}\u{2069}"
        );
    }
}
