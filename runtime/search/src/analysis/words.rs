//! Splitting text into words: runs of letters and digits, with the combining marks that
//! belong to them (Arabic vowel signs and shadda, decomposed Latin accents), so a mark never
//! cuts a word in two the way a plain alphanumeric split would.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Splits text into words at whitespace and punctuation, keeping combining marks inside
/// their word.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The words of one text.
pub struct WordStream<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            chars: text.char_indices().peekable(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        while let Some((from, c)) = self.chars.next() {
            if !is_word_char(c) {
                continue;
            }
            let mut to = from + c.len_utf8();
            while let Some((at, next)) = self.chars.next_if(|(_, next)| is_word_char(*next)) {
                to = at + next.len_utf8();
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.text.push_str(&self.text[from..to]);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Whether a character belongs to a word: a letter, a digit, or a combining mark.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The combining-mark blocks of the scripts a storefront may use (general category M*).
fn is_combining_mark(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F
            | 0x0483..=0x0489
            | 0x0591..=0x05C7
            | 0x0610..=0x061A
            | 0x064B..=0x065F
            | 0x0670
            | 0x06D6..=0x06ED
            | 0x1AB0..=0x1AFF
            | 0x1DC0..=0x1DFF
            | 0x20D0..=0x20FF
            | 0xFE20..=0xFE2F
    )
}

/// The words of a text, as typed.
pub fn words(text: &str) -> Vec<String> {
    texts(WordTokenizer::default().token_stream(text))
}

/// The texts of a token stream's tokens.
pub fn texts(mut stream: impl TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_spaces_and_punctuation() {
        assert_eq!(
            words("Canvas-Shopper, 15 inch!"),
            ["Canvas", "Shopper", "15", "inch"]
        );
        assert_eq!(words("l’écharpe d'hiver"), ["l", "écharpe", "d", "hiver"]);
        assert!(words("  … ").is_empty());
    }

    #[test]
    fn a_combining_mark_stays_inside_its_word() {
        // "تسوّق" carries a shadda (U+0651); a decomposed "é" is "e" + U+0301.
        assert_eq!(words("حقيبة تسوّق"), ["حقيبة", "تسوّق"]);
        assert_eq!(words("cafe\u{301} noir"), ["cafe\u{301}", "noir"]);
    }
}
