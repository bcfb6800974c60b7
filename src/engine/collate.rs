//! Vietnamese alphabetical order and accent-insensitive matching.
//!
//! Vietnamese sorts by letters first (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
//! so "Đà Nẵng" comes after every "D…") and by tone marks only when the letters are equal
//! (ngang, huyền, hỏi, ngã, sắc, nặng). A general Unicode collator would do this too, but its
//! tables would cost more in the WebAssembly bundle than this whole engine; the Vietnamese
//! alphabet is small and fixed, so a table of 134 letters does the job.

use std::cmp::Ordering;

/// Each base vowel (with its modifier) followed by its five toned forms, in tone order.
const TONED: [&str; 12] = [
    "aàảãáạ",
    "ăằẳẵắặ",
    "âầẩẫấậ",
    "eèẻẽéẹ",
    "êềểễếệ",
    "iìỉĩíị",
    "oòỏõóọ",
    "ôồổỗốộ",
    "ơờởỡớợ",
    "uùủũúụ",
    "ưừửữứự",
    "yỳỷỹýỵ",
];

/// Splits a lowercase character into (letter, tone 0..=5).
fn untone(c: char) -> (char, u8) {
    if c.is_ascii() {
        return (c, 0);
    }
    for row in TONED {
        let mut chars = row.chars();
        let base = chars.next().unwrap_or(c);
        if base == c {
            return (c, 0);
        }
        for (i, t) in chars.enumerate() {
            if t == c {
                return (base, i as u8 + 1);
            }
        }
    }
    (c, 0)
}

/// The primary weight of a letter: Latin order, with ă â after a, đ after d, ê after e,
/// ô ơ after o, ư after u. Digits and other characters sort before letters.
fn primary(letter: char) -> u32 {
    let (latin, step) = match letter {
        'ă' => ('a', 1),
        'â' => ('a', 2),
        'đ' => ('d', 1),
        'ê' => ('e', 1),
        'ô' => ('o', 1),
        'ơ' => ('o', 2),
        'ư' => ('u', 1),
        c if c.is_ascii_lowercase() => (c, 0),
        c => return c as u32 + if c.is_alphabetic() { 0x1_0000 } else { 0 },
    };
    0x1000 + (latin as u32) * 4 + step
}

/// Tone of a combining mark (for text typed in decomposed form), if it is one.
fn combining_tone(c: char) -> Option<u8> {
    match c {
        '\u{300}' => Some(1),
        '\u{309}' => Some(2),
        '\u{303}' => Some(3),
        '\u{301}' => Some(4),
        '\u{323}' => Some(5),
        _ => None,
    }
}

/// Modifier of a combining mark: breve, circumflex, horn.
fn combining_modifier(letter: char, c: char) -> Option<char> {
    match (letter, c) {
        ('a', '\u{306}') => Some('ă'),
        ('a', '\u{302}') => Some('â'),
        ('e', '\u{302}') => Some('ê'),
        ('o', '\u{302}') => Some('ô'),
        ('o', '\u{31b}') => Some('ơ'),
        ('u', '\u{31b}') => Some('ư'),
        _ => None,
    }
}

/// A sort key: compare two keys to compare the strings in Vietnamese order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    letters: Vec<u32>,
    tones: Vec<u8>,
    text: String,
}

/// Builds the Vietnamese sort key of a string.
pub fn sort_key(s: &str) -> SortKey {
    let mut letters: Vec<char> = Vec::with_capacity(s.len());
    let mut tones: Vec<u8> = Vec::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if let Some(t) = combining_tone(c) {
            if let Some(last) = tones.last_mut() {
                *last = t;
            }
            continue;
        }
        if let Some(last) = letters.last_mut() {
            if let Some(m) = combining_modifier(*last, c) {
                *last = m;
                continue;
            }
        }
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let (l, t) = untone(c);
        letters.push(l);
        tones.push(t);
    }
    SortKey {
        letters: letters.into_iter().map(primary).collect(),
        tones,
        text: s.to_string(),
    }
}

/// Compares two strings in Vietnamese alphabetical order (tones secondary).
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

/// Folds a string for accent-insensitive matching: lowercase, tones and letter modifiers removed,
/// đ → d, runs of spaces and punctuation made one space. "TP. Đà Nẵng" → "tp da nang".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars().flat_map(char::to_lowercase) {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let (l, _) = untone(c);
        let l = match l {
            'ă' | 'â' => 'a',
            'đ' => 'd',
            'ê' => 'e',
            'ô' | 'ơ' => 'o',
            'ư' => 'u',
            c => c,
        };
        if l.is_alphanumeric() {
            out.push(l);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A slug for ids: the folded text with spaces turned into hyphens ("Đà Nẵng" → "da-nang").
pub fn slug(s: &str) -> String {
    fold(s)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_by(|a, b| compare(a, b));
        v
    }

    #[test]
    fn d_bar_sorts_after_every_d() {
        assert_eq!(
            sorted(vec!["Đà Nẵng", "Điện Biên", "Đắk Lắk", "Dak", "Đồng Nai"]),
            vec!["Dak", "Đà Nẵng", "Đắk Lắk", "Điện Biên", "Đồng Nai"]
        );
    }

    #[test]
    fn modified_vowels_follow_their_base() {
        assert_eq!(
            sorted(vec!["ân", "an", "ăn", "ba"]),
            vec!["an", "ăn", "ân", "ba"]
        );
        assert_eq!(sorted(vec!["ơ", "ô", "o", "p"]), vec!["o", "ô", "ơ", "p"]);
        assert_eq!(sorted(vec!["ư", "v", "u"]), vec!["u", "ư", "v"]);
    }

    #[test]
    fn tones_are_secondary() {
        // Letters decide first: "Bà" < "Bac" though à carries a tone.
        assert_eq!(sorted(vec!["Bac", "Bà"]), vec!["Bà", "Bac"]);
        assert_eq!(
            sorted(vec!["ma", "mạ", "má", "mã", "mả", "mà"]),
            vec!["ma", "mà", "mả", "mã", "má", "mạ"]
        );
    }

    #[test]
    fn decomposed_input_sorts_like_precomposed() {
        // "Đà" typed as D-stroke, a, combining grave.
        let (a, b) = (sort_key("Đa\u{300}"), sort_key("Đà"));
        assert_eq!((a.letters, a.tones), (b.letters, b.tones));
        assert_eq!(fold("Đa\u{300} Na\u{306}\u{303}ng"), "da nang");
    }

    #[test]
    fn fold_removes_accents_and_punctuation() {
        assert_eq!(fold("TP. Đà Nẵng"), "tp da nang");
        assert_eq!(fold("Thừa Thiên - Huế"), "thua thien hue");
        assert_eq!(fold("  Bộ  Tài chính "), "bo tai chinh");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn slug_is_ascii() {
        assert_eq!(slug("Thành phố Hồ Chí Minh"), "thanh-pho-ho-chi-minh");
        assert_eq!(slug("Bà Rịa–Vũng Tàu"), "ba-ria-vung-tau");
    }
}
