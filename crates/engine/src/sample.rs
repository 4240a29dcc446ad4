//! A deterministic synthetic chat mix for benchmarks (`caldicott bench`,
//! `benches/scan.rs`): short informal UK hospital chat, emoji and curly
//! quotes, markdown and links, numbers that are not identifiers, and a share
//! of messages carrying identifiers (all synthetic: 9xx NHS numbers, Ofcom
//! drama-range phone numbers, made-up names).

const PLAIN: &[&str] = &[
    "anyone know if we can give iv abx through a midline?",
    "handover at 8 in the mess, bay 3 bed 2 needs bloods rechecked",
    "ct head within 1 hour or 8 hours for a fall on anticoag with no LOC?",
    "great LITFL post on hyperkalaemia ECG changes https://litfl.com/hyperkalaemia-ecg-library/",
    "who's on nights tonight? need a swap for the 14th",
    "K+ 5.9, Na 131, creat 210 - repeat in the morning",
    "reminder: teaching is moved to the seminar room at 1pm",
    "med reg bleep is 4521 tonight, ext 2231 for the ward",
    "does anyone have the trust sepsis guideline link?",
    "gave 40mg furosemide iv, reassess in 2h",
    "rota for 12/03/2026 is out, check your shifts",
    "45 year old man with chest pain, what's your differential?",
    "just had the best coffee from the new place by the main entrance",
    "switchboard 0113 243 3144 if the bleep system goes down again",
    "can someone cover my clinic on friday afternoon? will swap",
    "```\nSELECT id FROM audit WHERE n = 4010232137\n```",
    "audit deadline is 1 March, send your data to the lead",
];

const UNICODE: &[&str] = &[
    "thanks 🙏 that’s really helpful",
    "night shift survived ☕☕☕ 😴",
    "“is this normal?” – asked the FY1 on their first day 😅",
    "happy Friday everyone 🎉🎉 drinks after work?",
    "great teaching today 👏 slides on the shared drive",
    "café downstairs has run out of sandwiches again 😭",
    "ECG looks like AF with RVR → rate control first?",
];

const IDENT: &[&str] = &[
    "nhs 943 476 5919 can someone chase her bloods",
    "pt dob 12/03/1956 on the ward, needs a repeat echo",
    "Mrs Patel in bed 4 keeps pulling her cannula out",
    "pt's daughter on 07700 900123, pls update her",
    "MRN 00123456 needs a repeat echo",
    "pt lives at LS6 2AB with her son, no carers",
    "nhs 943\u{200b}476\u{200b}5919 zero width split",
    "ｎｈｓ ９４３ ４７６ ５９１９ full width",
    "82yo lady 12/03/1941 in bay 2 with a #NOF",
];

/// `n` messages, the same for the same `seed`. About 115 bytes on average.
pub fn messages(n: usize, seed: u64) -> Vec<String> {
    let mut s = seed | 1;
    let mut next = move || {
        // xorshift64*
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        s.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    (0..n)
        .map(|_| {
            let r = next() % 100;
            let pick = |v: &[&'static str], x: u64| v[(x % v.len() as u64) as usize];
            match r {
                0..=59 => {
                    let a = pick(PLAIN, next());
                    if next() % 3 == 0 {
                        format!("{a} {}", pick(PLAIN, next()))
                    } else {
                        a.to_string()
                    }
                }
                60..=79 => format!("{} {}", pick(UNICODE, next()), pick(PLAIN, next())),
                80..=97 => pick(IDENT, next()).to_string(),
                // The occasional long paste (a handover list).
                _ => (0..12)
                    .map(|_| pick(PLAIN, next()))
                    .collect::<Vec<_>>()
                    .join("\n"),
            }
        })
        .collect()
}
