//! Validators a `kind = "pattern"` rule may name in `validate = "..."`.
//!
//! Each takes the matched text (normalised, ASCII shapes) and says whether it
//! really is what the rule is about. Facts: `shared/uk-identifiers.md`.

/// The validator names rule files may use.
pub const VALIDATORS: [&str; 8] = [
    "nhs-mod11",
    "chi",
    "hc",
    "date",
    "uk-phone",
    "postcode",
    "personal-email",
    "mod11",
];

/// Run the named validator. Unknown names are rejected at load time.
pub fn run(name: &str, matched: &str) -> bool {
    match name {
        "nhs-mod11" => nhs_number(matched),
        "chi" => chi_number(matched),
        "hc" => hc_number(matched),
        "date" => date(matched),
        "uk-phone" => uk_phone(matched),
        "postcode" => postcode(matched),
        "personal-email" => personal_email(matched),
        "mod11" => ten_digits(matched).is_some_and(|d| mod11(&d)),
        _ => false,
    }
}

/// The ten digits of a 10-digit identifier written with any spacing/dashes;
/// `None` unless there are exactly ten digits.
pub fn ten_digits(s: &str) -> Option<[u8; 10]> {
    let mut out = [0u8; 10];
    let mut n = 0;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            if n == 10 {
                return None;
            }
            out[n] = b - b'0';
            n += 1;
        } else if !matches!(b, b' ' | b'-' | b'.') {
            return None;
        }
    }
    (n == 10).then_some(out)
}

/// The NHS modulus 11 check: weights 10..2 over the first nine digits,
/// check = 11 - (sum mod 11); 11 -> 0; 10 -> invalid.
pub fn mod11(d: &[u8; 10]) -> bool {
    let sum: u32 = d[..9]
        .iter()
        .enumerate()
        .map(|(i, &x)| u32::from(x) * (10 - i as u32))
        .sum();
    let check = match 11 - (sum % 11) {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == u32::from(d[9])
}

fn prefix3(d: &[u8; 10]) -> u32 {
    u32::from(d[0]) * 100 + u32::from(d[1]) * 10 + u32::from(d[2])
}

/// An NHS number (England, Wales, Isle of Man): valid check digit and in an
/// issued range (400-499, 600-799) or the 900-999 range reserved for test and
/// synthetic patients. We report 9xx numbers too (behind the same cue rule):
/// a chat message that gives one with a clinical cue reads as a patient's, and
/// treating a real-looking number as real is the safe side.
pub fn nhs_number(s: &str) -> bool {
    let Some(d) = ten_digits(s) else { return false };
    let p = prefix3(&d);
    ((400..=499).contains(&p) || (600..=799).contains(&p) || (900..=999).contains(&p)) && mod11(&d)
}

/// A Scottish CHI number: DDMMYY is a real date, then the mod 11 check.
pub fn chi_number(s: &str) -> bool {
    let Some(d) = ten_digits(s) else { return false };
    let day = u32::from(d[0]) * 10 + u32::from(d[1]);
    let month = u32::from(d[2]) * 10 + u32::from(d[3]);
    let yy = u32::from(d[4]) * 10 + u32::from(d[5]);
    // Two-digit years: Feb 29 is allowed when either century makes it a leap year.
    (valid_dmy(day, month, 2000 + yy) || valid_dmy(day, month, 1900 + yy)) && mod11(&d)
}

/// A Northern Ireland Health and Care number: 320 000 001 - 399 999 999 plus
/// check digit, mod 11.
pub fn hc_number(s: &str) -> bool {
    let Some(d) = ten_digits(s) else { return false };
    let first9: u64 = d[..9].iter().fold(0u64, |a, &x| a * 10 + u64::from(x));
    (320_000_001..=399_999_999).contains(&first9) && mod11(&d)
}

fn is_leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

/// Day, month, year form a real calendar date.
pub fn valid_dmy(day: u32, month: u32, year: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn month_name(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    NAMES
        .iter()
        .position(|n| n.starts_with(&w) || (w == "sept" && *n == "september"))
        .map(|i| i as u32 + 1)
}

/// A date written in any common UK chat form is a real calendar date:
/// `12/03/1956`, `12.3.56`, `12-03-56`, `12 Mar 1956`, `12th March 1956`,
/// `March 12, 1956`, `1956-03-12`, or a bare year `1941` (1900-2029).
/// Day-first is assumed for numeric forms, with month-first accepted when
/// day-first is impossible (`03/25/1956`).
pub fn date(s: &str) -> bool {
    let tokens: Vec<&str> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect();
    let num = |t: &str| -> Option<u32> {
        let t = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    let year = |t: &str| -> Option<u32> {
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match t.len() {
            2 => t.parse::<u32>().ok().map(|y| 1900 + y),
            4 => t.parse::<u32>().ok().filter(|y| (1880..=2099).contains(y)),
            _ => None,
        }
    };
    // Drop filler words ("of").
    let tokens: Vec<&str> = tokens
        .into_iter()
        .filter(|t| !t.eq_ignore_ascii_case("of"))
        .collect();
    match tokens.as_slice() {
        [y] if y.len() == 4 => year(y).is_some_and(|y| (1900..=2029).contains(&y)),
        // Compact DDMMYYYY.
        [d] if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) => {
            let n = |r: std::ops::Range<usize>| d[r].parse::<u32>().unwrap_or(0);
            let y = n(4..8);
            (1880..=2099).contains(&y) && valid_dmy(n(0..2), n(2..4), y)
        }
        [a, b, c] => {
            // ISO: yyyy-mm-dd
            if a.len() == 4 && a.bytes().all(|x| x.is_ascii_digit()) {
                if let (Some(y), Some(m), Some(d)) = (year(a), num(b), num(c)) {
                    return valid_dmy(d, m, y);
                }
                return false;
            }
            let Some(y) = year(c) else { return false };
            match (num(a), num(b), month_name(a), month_name(b)) {
                // dd mm yyyy (or mm dd yyyy when day-first is impossible)
                (Some(d), Some(m), _, _) => {
                    // Suffixes like "12th" only make sense on the day.
                    if b.bytes().any(|x| x.is_ascii_alphabetic()) {
                        return false;
                    }
                    valid_dmy(d, m, y) || valid_dmy(m, d, y)
                }
                // 12 March 1956 / 12th Mar 56
                (Some(d), None, _, Some(m)) => valid_dmy(d, m, y),
                // March 12, 1956
                (None, Some(d), Some(m), _) => valid_dmy(d, m, y),
                _ => false,
            }
        }
        _ => false,
    }
}

/// A UK phone number: 11 national digits starting 01/02/03/07 (or +44 and
/// ten digits). Bleeps, extensions and short codes never reach 11 digits.
pub fn uk_phone(s: &str) -> bool {
    let digits: String = s
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(char::from)
        .collect();
    let national = if let Some(rest) = digits.strip_prefix("44") {
        if s.trim_start().starts_with('+') || s.trim_start().starts_with("00") {
            format!("0{}", rest.trim_start_matches('0'))
        } else {
            digits.clone()
        }
    } else if let Some(rest) = digits.strip_prefix("0044") {
        format!("0{}", rest.trim_start_matches('0'))
    } else {
        digits.clone()
    };
    national.len() == 11 && matches!(&national[..2], "01" | "02" | "03" | "07")
}

/// The shape of a UK postcode (outward + inward code), spacing-insensitive.
/// Letters follow the Royal Mail rules (no Q/V/X first, no C/I/K/M/O/V in the
/// inward letters).
pub fn postcode(s: &str) -> bool {
    let c: Vec<u8> = s
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if c == b"GIR0AA" {
        return true;
    }
    if !(5..=7).contains(&c.len()) {
        return false;
    }
    let (out, inw) = c.split_at(c.len() - 3);
    let inward_ok = inw[0].is_ascii_digit()
        && inw[1..]
            .iter()
            .all(|b| b.is_ascii_uppercase() && !b"CIKMOV".contains(b));
    if !inward_ok {
        return false;
    }
    let first_ok = |b: u8| b.is_ascii_uppercase() && !b"QVX".contains(&b);
    let second_ok = |b: u8| b.is_ascii_uppercase() && !b"IJZ".contains(&b);
    match out {
        [a, d] => first_ok(*a) && d.is_ascii_digit(),
        [a, d, e] => {
            first_ok(*a)
                && ((d.is_ascii_digit() && (e.is_ascii_digit() || b"ABCDEFGHJKPSTUW".contains(e)))
                    || (second_ok(*d) && e.is_ascii_digit()))
        }
        [a, b, d, e] => {
            first_ok(*a)
                && second_ok(*b)
                && d.is_ascii_digit()
                && (e.is_ascii_digit() || b"ABEHMNPRVWXY".contains(e))
        }
        _ => false,
    }
}

/// An email that looks personal rather than an NHS or university work address.
pub fn personal_email(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let domain = domain.to_ascii_lowercase();
    if local.is_empty() || !domain.contains('.') {
        return false;
    }
    let work = [
        "nhs.net",
        "nhs.uk",
        "ac.uk",
        "gov.uk",
        "gmc-uk.org",
        "bma.org.uk",
        "example.com",
        "example.org",
    ];
    !work
        .iter()
        .any(|w| domain == *w || domain.ends_with(&format!(".{w}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_numbers() {
        assert!(nhs_number("943 476 5919"));
        assert!(nhs_number("943-476-5919"));
        assert!(nhs_number("9434765919"));
        assert!(nhs_number("4000000632"));
        assert!(!nhs_number("943 476 5918"), "bad check digit");
        assert!(!nhs_number("1234567890"), "bad check digit");
        assert!(!nhs_number("0607230002"), "CHI range, not NHS");
        assert!(!nhs_number("943 476 591"), "nine digits");
    }

    #[test]
    fn check_digit_ten_means_invalid() {
        // 000000001x: sum = 1*2 = 2, 11 - 2 = 9 -> check 9 valid.
        assert!(mod11(&[0, 0, 0, 0, 0, 0, 0, 0, 1, 9]));
        // 000000010x: sum = 1*3 = 3, 11 - 3 = 8 -> only check digit 8.
        for last in 0..10 {
            assert_eq!(mod11(&[0, 0, 0, 0, 0, 0, 0, 1, 0, last]), last == 8);
        }
        // 100000000x: sum = 10, 11 - 10 = 1; 000000100x: sum = 4 -> 7.
        // A sum = 1 (mod 11) gives check 10: no last digit is valid.
        // 1*10 + 1*2 = 12 = 1 (mod 11): digits 1000000010 .. 1000000019.
        for last in 0..10 {
            assert!(!mod11(&[1, 0, 0, 0, 0, 0, 0, 0, 1, last]));
        }
    }

    #[test]
    fn chi_numbers() {
        assert!(chi_number("0211165794"));
        assert!(chi_number("0402070763"));
        assert!(chi_number("0101011113"));
        assert!(!chi_number("0101010000"), "checksum");
        assert!(!chi_number("9999999999"), "not a date");
        assert!(!chi_number("3102001234"), "31 Feb");
    }

    #[test]
    fn hc_numbers() {
        // 320000001 + check digit: sum = 3*10+2*9+1*2 = 50; 50%11=6; 11-6=5.
        assert!(hc_number("3200000015"));
        assert!(!hc_number("3200000016"));
        assert!(!hc_number("3100000000"));
    }

    #[test]
    fn dates() {
        for ok in [
            "12/03/1956",
            "12.3.56",
            "12-03-56",
            "12 Mar 1956",
            "12th March 1956",
            "1956-03-12",
            "March 12, 1956",
            "29/02/1956",
            "1941",
            "3rd of May 1980",
            "01011940",
        ] {
            assert!(date(ok), "{ok}");
        }
        for bad in [
            "32/03/1956",
            "29/02/1955",
            "12/13/56x",
            "12 Foo 1956",
            "1850",
            "2/3",
        ] {
            assert!(!date(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        assert!(uk_phone("07700 900123"));
        assert!(uk_phone("+44 7700 900123"));
        assert!(uk_phone("0113 496 0000"));
        assert!(uk_phone("020 7946 0958"));
        assert!(!uk_phone("2231"));
        assert!(!uk_phone("0770 090012"));
    }

    #[test]
    fn postcodes() {
        for ok in [
            "M1 1AA", "M60 1NW", "W1A 1HQ", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "GIR 0AA", "M11AA",
            "sw1A 0AA", "eh12ng", "B33 8TH",
        ] {
            assert!(postcode(ok), "{ok}");
        }
        for bad in [
            "QA1 1AA", "VA1 1AA", "XA1 1AA", "M1 1CA", "M1 1AI", "1A1 1AA", "750621",
        ] {
            assert!(!postcode(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(personal_email("jo.bloggs77@gmail.com"));
        assert!(!personal_email("j.bloggs@nhs.net"));
        assert!(!personal_email("someone@ucl.ac.uk"));
    }
}
