//! Unicode normalisation with an offset map back to the original text.
//!
//! Chat is hostile: an NHS number can be split by zero-width spaces, written in
//! full-width digits, or spelled with Cyrillic look-alike letters. Every rule
//! runs over the normalised text; findings are mapped back to byte offsets in
//! the original on char boundaries.
//!
//! Fast path: plain ASCII text is already normal (NFKC of ASCII is ASCII and
//! ASCII holds no format characters), so it is borrowed as is, with identity
//! offsets and no allocation.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// A message after normalisation.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    /// For each byte of `text`: (start, end) of the original segment that
    /// produced it. `None` when the text is unchanged (identity).
    map: Option<Vec<(u32, u32)>>,
    original_len: usize,
}

impl<'a> Normalized<'a> {
    /// Normalise `original`: NFKC, strip format (Cf) characters, fold
    /// homoglyphs, non-ASCII digits, dashes and curly quotes to ASCII.
    pub fn new(original: &'a str) -> Normalized<'a> {
        if original.is_ascii() {
            return Normalized {
                text: Cow::Borrowed(original),
                map: None,
                original_len: original.len(),
            };
        }
        let mut out = String::with_capacity(original.len());
        let mut map: Vec<(u32, u32)> = Vec::with_capacity(original.len());
        let mut seg = String::new();
        let mut nfkc = String::new();
        let mut iter = original.char_indices().peekable();
        while let Some((start, c)) = iter.next() {
            if is_format(c) {
                continue;
            }
            // A segment is one char plus any following combining marks, so
            // that NFKC composition ("e" + U+0301 -> "é") happens inside it.
            seg.clear();
            seg.push(c);
            let mut end = start + c.len_utf8();
            while let Some(&(i, n)) = iter.peek() {
                if is_format(n) {
                    // Dropped; keep it inside the segment's span.
                    end = i + n.len_utf8();
                    iter.next();
                } else if canonical_combining_class(n) != 0 {
                    seg.push(n);
                    end = i + n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let before = out.len();
            if seg.is_ascii() {
                out.push_str(&seg);
            } else {
                nfkc.clear();
                nfkc.extend(seg.nfkc());
                for ch in nfkc.chars() {
                    if is_format(ch) {
                        continue;
                    }
                    match fold(ch) {
                        Some(f) => out.push_str(f),
                        None => out.push(ch),
                    }
                }
            }
            let span = (start as u32, end as u32);
            map.resize(map.len() + (out.len() - before), span);
        }
        if out == original {
            return Normalized {
                text: Cow::Borrowed(original),
                map: None,
                original_len: original.len(),
            };
        }
        Normalized {
            text: Cow::Owned(out),
            map: Some(map),
            original_len: original.len(),
        }
    }

    /// The normalised text every rule runs over.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the text was changed (an offset map is in use).
    pub fn changed(&self) -> bool {
        self.map.is_some()
    }

    /// Map a byte span of the normalised text to a byte span of the original,
    /// on char boundaries. Out-of-range or empty spans are clamped.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let len = self.text.len();
        let end = end.min(len);
        let start = start.min(end);
        match &self.map {
            None => {
                // Identity: widen to char boundaries (a caller's offsets may
                // fall inside a multi-byte char).
                let t: &str = &self.text;
                let mut s = start;
                while !t.is_char_boundary(s) {
                    s -= 1;
                }
                let mut e = end;
                while !t.is_char_boundary(e) {
                    e += 1;
                }
                (s, e)
            }
            Some(map) => {
                if start == end {
                    let o = if start < len {
                        map[start].0 as usize
                    } else {
                        self.original_len
                    };
                    return (o, o);
                }
                (map[start].0 as usize, map[end - 1].1 as usize)
            }
        }
    }
}

/// Unicode general category Cf (format characters): zero-width spaces and
/// joiners, bidi controls, soft hyphen, BOM, invisible operators, tags.
pub fn is_format(c: char) -> bool {
    matches!(c as u32,
        0x00AD
        | 0x0600..=0x0605
        | 0x061C
        | 0x06DD
        | 0x070F
        | 0x0890..=0x0891
        | 0x08E2
        | 0x180E
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x2066..=0x206F
        | 0xFEFF
        | 0xFFF9..=0xFFFB
        | 0x110BD
        | 0x110CD
        | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A
        | 0xE0001
        | 0xE0020..=0xE007F)
}

/// Fold a (post-NFKC) character to its ASCII look-alike, if it has one we care
/// about: Cyrillic and Greek letters that look Latin, non-ASCII decimal digits,
/// dashes, curly quotes and odd spaces.
fn fold(c: char) -> Option<&'static str> {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    let u = c as u32;
    // Decimal digit blocks NFKC leaves alone (Arabic-Indic, Extended
    // Arabic-Indic, Devanagari, Bengali).
    for base in [0x0660u32, 0x06F0, 0x0966, 0x09E6] {
        if (base..base + 10).contains(&u) {
            return Some(DIGITS[(u - base) as usize]);
        }
    }
    Some(match c {
        // Cyrillic lower case
        'а' => "a",
        'в' => "b",
        'е' => "e",
        'һ' => "h",
        'і' => "i",
        'ј' => "j",
        'к' => "k",
        'м' => "m",
        'н' => "h",
        'о' => "o",
        'р' => "p",
        'с' => "c",
        'т' => "t",
        'у' => "y",
        'х' => "x",
        'ѕ' => "s",
        'ԁ' => "d",
        'ԛ' => "q",
        'ԝ' => "w",
        'ӏ' => "l",
        'ү' => "y",
        // Cyrillic upper case
        'А' => "A",
        'В' => "B",
        'Е' => "E",
        'Ѕ' => "S",
        'І' => "I",
        'Ј' => "J",
        'К' => "K",
        'М' => "M",
        'Н' => "H",
        'О' => "O",
        'Р' => "P",
        'С' => "C",
        'Т' => "T",
        'Х' => "X",
        'У' => "Y",
        'Ү' => "Y",
        'З' => "3",
        'Ԁ' => "D",
        'Ԛ' => "Q",
        'Ԝ' => "W",
        'Ӏ' => "I",
        // Greek
        'Α' => "A",
        'Β' => "B",
        'Ε' => "E",
        'Ζ' => "Z",
        'Η' => "H",
        'Ι' => "I",
        'Κ' => "K",
        'Μ' => "M",
        'Ν' => "N",
        'Ο' => "O",
        'Ρ' => "P",
        'Τ' => "T",
        'Υ' => "Y",
        'Χ' => "X",
        'ο' => "o",
        'ν' => "v",
        'α' => "a",
        'ι' => "i",
        'κ' => "k",
        'ρ' => "p",
        'τ' => "t",
        'υ' => "u",
        'χ' => "x",
        // Dashes and minus signs
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => "-",
        // Quotes
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        // Spaces NFKC keeps
        '\u{3000}' | '\u{1680}' => " ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_borrowed_with_identity_offsets() {
        let n = Normalized::new("nhs 943 476 5919");
        assert!(!n.changed());
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert_eq!(n.to_original(4, 16), (4, 16));
    }

    #[test]
    fn zero_width_spaces_are_removed_and_offsets_map_back() {
        let s = "nhs 943\u{200B}476\u{200B}5919 ok";
        let n = Normalized::new(s);
        assert_eq!(n.text(), "nhs 9434765919 ok");
        let (a, b) = n.to_original(4, 14);
        assert_eq!(&s[a..b], "943\u{200B}476\u{200B}5919");
    }

    #[test]
    fn full_width_digits_fold_to_ascii() {
        let s = "ｎｈｓ ９４３４７６５９１９";
        let n = Normalized::new(s);
        assert_eq!(n.text(), "nhs 9434765919");
        let (a, b) = n.to_original(4, 14);
        assert_eq!(&s[a..b], "９４３４７６５９１９");
    }

    #[test]
    fn homoglyphs_dashes_and_quotes_fold() {
        let n = Normalized::new("Мrs Рatel’s NНS – ok");
        assert_eq!(n.text(), "Mrs Patel's NHS - ok");
    }

    #[test]
    fn combining_marks_compose_and_keep_span() {
        let s = "Zoe\u{0308} 1";
        let n = Normalized::new(s);
        assert_eq!(n.text(), "Zoë 1");
        assert_eq!(n.to_original(2, 4), (2, 5));
    }

    #[test]
    fn ligatures_expand_and_map_to_whole_source_char() {
        let s = "ﬁle 1";
        let n = Normalized::new(s);
        assert_eq!(n.text(), "file 1");
        // "i" alone comes from the ligature: maps to the whole ligature.
        assert_eq!(n.to_original(1, 2), (0, 3));
    }
}
