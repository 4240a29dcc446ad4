//! WhatsApp's "Export chat" text, read one line at a time.
//!
//! A message starts on a line with a date, a time and (usually) a sender:
//!
//! ```text
//! 12/03/2024, 14:02 - Name: text             Android, 24-hour clock
//! 3/12/24, 2:02 pm - Name: text              Android, 12-hour clock (US or UK dates)
//! 12.03.24, 14:02 - Name: text               dotted dates
//! [12/03/2024, 14:02:11] Name: text          iOS
//! [3/12/24, 2:02:11 PM] Name: text           iOS, 12-hour clock
//! 12/03/2024, 14:02 - Messages and calls ... a system line: no sender
//! ```
//!
//! Lines that do not start like that continue the message above them (a
//! message with line breaks). The message text handed on is everything
//! after `Name: ` (for a system line, everything after the time), its lines
//! joined with `\n`. System lines are scanned too: a group subject or a
//! member's display name can carry a patient's details.
//!
//! Memory holds one message at a time, at most [`MAX_MESSAGE_BYTES`].

/// WhatsApp caps a message at 65,536 characters; at four UTF-8 bytes each
/// that is 256 KiB. Anything longer is not one message of a real export.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024;

/// A display name longer than this before `: ` is not a sender but part of
/// a system line (WhatsApp limits profile names to 25 characters; saved
/// contact names and phone numbers stay well under this).
const MAX_SENDER_BYTES: usize = 80;

/// A date and time prefix is never longer than this many bytes.
const MAX_STAMP_BYTES: usize = 40;

/// One complete message: the line it started on and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub line: usize,
    pub text: String,
}

/// What one input line produced: a message that is now complete, and/or a
/// problem with this line (reported with the line's number).
#[derive(Debug, Default)]
pub struct Step {
    pub done: Option<Message>,
    pub error: Option<String>,
}

/// What the end of input produced.
#[derive(Debug, Default)]
pub struct End {
    pub done: Option<Message>,
    pub error: Option<String>,
    /// The line the error is about.
    pub error_line: usize,
}

/// The parser's state between lines.
#[derive(Debug, Default)]
pub struct Chat {
    current: Option<Message>,
    /// Skipping the continuation lines of a malformed or oversized message.
    skipping: bool,
}

enum Line<'a> {
    /// A message starts here with this text.
    Start(&'a str),
    /// Shaped like a message start, but the date or time is impossible.
    Invalid(&'static str),
    /// Not a message start: a continuation line.
    Other,
}

enum Stamp {
    Valid,
    Invalid(&'static str),
    Absent,
}

impl Chat {
    /// Feed the next line (without its line ending).
    pub fn push_line(&mut self, lineno: usize, raw: &str) -> Step {
        let mut step = Step::default();
        match classify(raw) {
            Line::Start(body) => {
                step.done = self.take();
                self.skipping = false;
                if body.len() > MAX_MESSAGE_BYTES {
                    step.error = Some(too_long());
                    self.skipping = true;
                } else {
                    self.current = Some(Message {
                        line: lineno,
                        text: body.to_string(),
                    });
                }
            }
            Line::Invalid(why) => {
                step.done = self.take();
                self.skipping = true;
                step.error = Some(format!(
                    "starts like a WhatsApp message but {why} (its continuation lines too)"
                ));
            }
            Line::Other if self.skipping => {}
            Line::Other => match &mut self.current {
                Some(m) if m.text.len() + 1 + raw.len() > MAX_MESSAGE_BYTES => {
                    let start = m.line;
                    self.current = None;
                    self.skipping = true;
                    step.error = Some(format!(
                        "the message starting on line {start}: {}",
                        too_long()
                    ));
                }
                Some(m) => {
                    m.text.push('\n');
                    m.text.push_str(raw);
                }
                None if raw.trim().is_empty() => {}
                None => {
                    step.error = Some(
                        "not part of a WhatsApp message (no \"date, time - name:\" line before it)"
                            .to_string(),
                    );
                }
            },
        }
        step
    }

    /// The end of input: the last message, if any.
    pub fn finish(&mut self) -> End {
        End {
            done: self.take(),
            ..End::default()
        }
    }

    fn take(&mut self) -> Option<Message> {
        self.current.take().map(|mut m| {
            // Blank lines between messages belong to neither.
            let len = m.text.trim_end().len();
            m.text.truncate(len);
            m
        })
    }
}

fn too_long() -> String {
    format!("longer than {MAX_MESSAGE_BYTES} bytes, which no WhatsApp message is")
}

/// Direction marks and a byte-order mark that exports put before a line.
fn strip_marks(line: &str) -> &str {
    line.trim_start_matches([
        '\u{feff}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}',
    ])
}

fn classify(raw: &str) -> Line<'_> {
    let line = strip_marks(raw);
    // iOS: "[date, time] rest"
    if let Some(inner_and_rest) = line.strip_prefix('[') {
        let Some(close) = inner_and_rest.find(']') else {
            return Line::Other;
        };
        if close > MAX_STAMP_BYTES {
            return Line::Other;
        }
        let rest = &inner_and_rest[close + 1..];
        let Some(rest) = rest.strip_prefix(' ') else {
            return Line::Other;
        };
        return start(stamp(&inner_and_rest[..close]), rest);
    }
    // Android: "date, time - rest"
    if !line.starts_with(|c: char| c.is_ascii_digit()) {
        return Line::Other;
    }
    let Some(dash) = line.find(" - ") else {
        return Line::Other;
    };
    if dash > MAX_STAMP_BYTES {
        return Line::Other;
    }
    start(stamp(&line[..dash]), &line[dash + 3..])
}

fn start(stamp: Stamp, rest: &str) -> Line<'_> {
    match stamp {
        Stamp::Valid => Line::Start(body(rest)),
        Stamp::Invalid(why) => Line::Invalid(why),
        Stamp::Absent => Line::Other,
    }
}

/// The message text: after "Name: ", or the whole of a system line.
fn body(rest: &str) -> &str {
    let rest = strip_marks(rest);
    let sender_end = rest
        .find(": ")
        .or_else(|| rest.strip_suffix(':').map(str::len));
    match sender_end {
        Some(i) if i > 0 && i <= MAX_SENDER_BYTES && !rest[..i].contains('"') => {
            strip_marks(rest.get(i + 2..).unwrap_or(""))
        }
        _ => rest,
    }
}

/// "12/03/2024, 14:02", "3/12/24, 2:02:11 PM", "12.03.24 14.02", "2024-03-12, 14:02".
fn stamp(s: &str) -> Stamp {
    let Some(date_end) = s.find([',', ' ']) else {
        return Stamp::Absent;
    };
    let date = s[..date_end].trim_end_matches('.');
    let time = s[date_end..].trim_start_matches([',', ' ']);
    let Some(d) = numbers(date, &['/', '.', '-'], 3) else {
        return Stamp::Absent;
    };
    // 12-hour clock suffix, with or without a (narrow) space before it.
    let lower = time.to_ascii_lowercase();
    let (clock, twelve) = ["am", "pm", "a.m.", "p.m."]
        .iter()
        .find_map(|sfx| lower.strip_suffix(sfx).map(|c| (c.len(), true)))
        .map(|(n, t)| (time[..n].trim_end_matches([' ', '\u{202f}', '\u{a0}']), t))
        .unwrap_or((time, false));
    let Some(t) = numbers(clock, &[':', '.'], 0) else {
        return Stamp::Absent;
    };
    if !(2..=3).contains(&t.len()) || t[1].1 != 2 || t.get(2).is_some_and(|x| x.1 != 2) {
        return Stamp::Absent;
    }
    if d.iter().any(|x| x.1 > 4) || t[0].1 > 2 {
        return Stamp::Absent;
    }
    let (hour, minute, second) = (t[0].0, t[1].0, t.get(2).map_or(0, |x| x.0));
    let hour_ok = if twelve {
        (1..=12).contains(&hour)
    } else {
        hour < 24
    };
    if !hour_ok || minute > 59 || second > 59 {
        return Stamp::Invalid("its time is impossible");
    }
    let (day, month) = if d[0].1 == 4 {
        // year-month-day
        (d[2].0, d[1].0)
    } else if d[2].1 == 2 || d[2].1 == 4 {
        // day/month/year or month/day/year: either reading will do.
        if d[1].0 <= 12 {
            (d[0].0, d[1].0)
        } else {
            (d[1].0, d[0].0)
        }
    } else {
        return Stamp::Absent;
    };
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return Stamp::Invalid("its date is impossible");
    }
    Stamp::Valid
}

/// Digit groups split on one of `seps` (the same one throughout), each as
/// (value, digit count); `want` groups exactly, or 0 for any number.
fn numbers(s: &str, seps: &[char], want: usize) -> Option<Vec<(u32, usize)>> {
    let sep = s.chars().find(|c| !c.is_ascii_digit())?;
    if !seps.contains(&sep) {
        return None;
    }
    let parts: Vec<&str> = s.split(sep).collect();
    if want != 0 && parts.len() != want {
        return None;
    }
    parts
        .iter()
        .map(|p| {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok().map(|v| (v, p.len()))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message and every error (with its line) of a whole export.
    fn parse(text: &str) -> (Vec<Message>, Vec<(usize, String)>) {
        let mut chat = Chat::default();
        let (mut msgs, mut errs) = (Vec::new(), Vec::new());
        for (i, line) in text.lines().enumerate() {
            let step = chat.push_line(i + 1, line);
            msgs.extend(step.done);
            errs.extend(step.error.map(|e| (i + 1, e)));
        }
        msgs.extend(chat.finish().done);
        (msgs, errs)
    }

    fn texts(text: &str) -> Vec<(usize, String)> {
        let (msgs, errs) = parse(text);
        assert!(errs.is_empty(), "{errs:?}");
        msgs.into_iter().map(|m| (m.line, m.text)).collect()
    }

    #[test]
    fn android_and_ios_variants_start_messages() {
        let export = [
            "12/03/2024, 14:02 - Dr A: first",
            "3/12/24, 2:02 pm - Dr B: twelve hour",
            "3/12/24, 2:02\u{202f}PM - +44 7700 900123: narrow space",
            "12.03.24, 14:02 - C: dotted",
            "2024-03-12, 14:02 - D: iso",
            "[12/03/2024, 14:02:11] E: ios",
            "\u{200e}[3/12/24, 2:02:11 PM] F: \u{200e}image omitted",
            "12/03/2024 14:02 - G: no comma",
        ]
        .join("\n");
        let got: Vec<String> = texts(&export).into_iter().map(|m| m.1).collect();
        assert_eq!(
            got,
            [
                "first",
                "twelve hour",
                "narrow space",
                "dotted",
                "iso",
                "ios",
                "image omitted",
                "no comma"
            ]
        );
    }

    #[test]
    fn continuation_lines_join_the_message_and_ids_are_start_lines() {
        let export = "12/03/2024, 14:02 - A: bed 4\nstill bed 4\n\n  and more\n\n12/03/2024, 14:03 - B: next\n";
        assert_eq!(
            texts(export),
            [
                (1, "bed 4\nstill bed 4\n\n  and more".to_string()),
                (6, "next".to_string())
            ]
        );
    }

    #[test]
    fn system_lines_are_messages_without_a_sender() {
        let export = [
            "12/03/2024, 14:00 - Messages and calls are end-to-end encrypted. Tap to learn more.",
            "12/03/2024, 14:01 - A changed the subject from \"ward: old\" to \"ward: new\"",
            "12/03/2024, 14:02 - A added B",
        ]
        .join("\n");
        let got: Vec<String> = texts(&export).into_iter().map(|m| m.1).collect();
        assert_eq!(
            got,
            [
                "Messages and calls are end-to-end encrypted. Tap to learn more.",
                "A changed the subject from \"ward: old\" to \"ward: new\"",
                "A added B"
            ]
        );
    }

    #[test]
    fn date_like_text_inside_a_message_is_not_a_new_message() {
        let export =
            "12/03/2024, 14:02 - A: plan\n12/03 - review bloods\n[link] here\n1. chase echo";
        assert_eq!(
            texts(export),
            [(
                1,
                "plan\n12/03 - review bloods\n[link] here\n1. chase echo".to_string()
            )]
        );
    }

    #[test]
    fn impossible_dates_and_stray_lines_are_errors_with_their_line() {
        let export = "stray preamble\n\n12/03/2024, 14:02 - A: ok\n45/13/2024, 14:02 - B: bad date\nits continuation\n12/03/2024, 25:02 - C: bad time\n[12/03/2024, 14:05:00] D: fine again";
        let (msgs, errs) = parse(export);
        let lines: Vec<usize> = errs.iter().map(|e| e.0).collect();
        assert_eq!(lines, [1, 4, 6], "{errs:?}");
        assert!(errs[1].1.contains("date is impossible") && errs[2].1.contains("time"));
        // The bad messages and their continuation lines are skipped.
        let got: Vec<(usize, &str)> = msgs.iter().map(|m| (m.line, m.text.as_str())).collect();
        assert_eq!(got, [(3, "ok"), (7, "fine again")]);
    }

    #[test]
    fn an_oversized_message_is_dropped_and_reported() {
        let mut chat = Chat::default();
        assert!(
            chat.push_line(1, "12/03/2024, 14:02 - A: x")
                .error
                .is_none()
        );
        let chunk = "y".repeat(64 * 1024);
        let mut errors = Vec::new();
        for n in 2..10 {
            errors.extend(chat.push_line(n, &chunk).error.map(|e| (n, e)));
        }
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].1.contains("starting on line 1"), "{errors:?}");
        let next = chat.push_line(10, "12/03/2024, 14:03 - B: after");
        assert_eq!(next.done, None);
        assert_eq!(chat.finish().done.map(|m| m.line), Some(10));
    }
}
