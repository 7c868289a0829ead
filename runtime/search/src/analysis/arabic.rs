//! Arabic: normalisation and light stemming, chosen over the Snowball Arabic stemmer,
//! which stems a word with and without its article differently (`الكتان` → `الكت`, `كتان`
//! → `كتان`), so "linen" typed without the article would miss. Shoppers type without vowel
//! signs and with whichever hamza form their keyboard gives, so both the index and the
//! query drop the vowel signs (harakat, shadda, sukun, superscript alef) and the tatweel,
//! write every alef form as a bare alef, alef maqsura as yeh and teh marbuta as heh. The
//! light stemmer (Larkey, Ballesteros and Connell's "light10", as Lucene's Arabic analyzer
//! has it) then removes one article or conjunction prefix and the common suffixes. Broken
//! plurals (`حقائب` for `حقيبة`) are not reduced: no light stemmer does that.

/// Prefixes removed (at most one), longest first; a word keeps at least two letters.
const PREFIXES: [&str; 7] = ["وال", "بال", "كال", "فال", "ال", "لل", "و"];
/// Suffixes removed, each once, in this order; a word keeps at least two letters.
const SUFFIXES: [&str; 9] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "ة"];

/// Writes `text` normalised into `out`.
pub fn normalize(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            _ => out.push(c),
        }
    }
}

/// Writes `text` (normalised) without its article or conjunction prefix into `out`: what
/// the unstemmed prefix field holds, so typing a word without its article finds it.
pub fn strip_prefix(text: &str, out: &mut String) {
    out.push_str(without_prefix(text));
}

/// Writes the light stem of `text` (normalised) into `out`.
pub fn light_stem(text: &str, out: &mut String) {
    let mut word = without_prefix(text);
    for suffix in SUFFIXES {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.chars().count() >= 2
        {
            word = stem;
        }
    }
    out.push_str(word);
}

fn without_prefix(word: &str) -> &str {
    for prefix in PREFIXES {
        if let Some(rest) = word.strip_prefix(prefix) {
            // A lone waw must leave three letters: it starts many words of their own.
            let keep = if prefix == "و" { 3 } else { 2 };
            if rest.chars().count() >= keep {
                return rest;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(f: fn(&str, &mut String), text: &str) -> String {
        let mut out = String::new();
        f(text, &mut out);
        out
    }

    fn stem(text: &str) -> String {
        apply(light_stem, &apply(normalize, text))
    }

    #[test]
    fn vowel_signs_and_tatweel_are_dropped() {
        assert_eq!(apply(normalize, "تسوّق"), "تسوق");
        assert_eq!(apply(normalize, "كِتَاب"), "كتاب");
        assert_eq!(apply(normalize, "حقـــيبة"), apply(normalize, "حقيبة"));
    }

    #[test]
    fn letter_variants_are_written_one_way() {
        assert_eq!(apply(normalize, "أحمر"), "احمر");
        assert_eq!(apply(normalize, "إبريق"), "ابريق");
        assert_eq!(apply(normalize, "مستشفى"), "مستشفي");
        assert_eq!(apply(normalize, "حقيبة"), "حقيبه");
    }

    #[test]
    fn a_word_stems_alike_with_and_without_its_article() {
        assert_eq!(stem("الكتان"), stem("كتان"));
        assert_eq!(stem("الحقيبة"), stem("حقيبة"));
        assert_eq!(stem("والصوف"), stem("صوف"));
        assert_eq!(stem("معطّرة"), stem("معطرة"));
    }

    #[test]
    fn short_words_keep_their_letters() {
        assert_eq!(stem("ورد"), "ورد");
        assert_eq!(stem("في"), "في");
        assert_eq!(apply(strip_prefix, "الصوف"), "صوف");
    }
}
