//! Commands, parsed once for every platform.
//!
//! A message is a command when it starts with `!` or `/` followed by `gmc`,
//! `foamed` or `caldicott` (case-insensitive), e.g. `!gmc chaperones`,
//! `/gmc chaperones`, `!caldicott status`. When the platform already knows it
//! is a command ([`crate::Incoming::is_command`], Discord slash commands) the
//! prefix is optional.

/// A parsed command. Borrowed from the message text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command<'a> {
    /// `gmc <query>`; the query may be empty (lists topics).
    Gmc(&'a str),
    /// `foamed <args...>`.
    Foamed(Vec<&'a str>),
    /// `caldicott <sub> <rest>`.
    Caldicott(Sub<'a>),
}

/// `caldicott ...` subcommands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sub<'a> {
    Help,
    Status,
    /// `settings` (show) or `settings <words...>` (change).
    Settings(Vec<&'a str>),
    /// `check <draft>`: the draft, verbatim.
    Check(&'a str),
    /// `dispute [note-id]`.
    Dispute(Option<&'a str>),
    /// `exempt on|off` or `exempt role add|remove <role>`.
    Exempt(Vec<&'a str>),
    /// Anything else: answered with the usage.
    Unknown,
}

/// Split off the first whitespace-delimited word.
fn first_word(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}

/// Parse a message as a command, or `None` when it is an ordinary message.
pub fn parse(text: &str, is_command: bool) -> Option<Command<'_>> {
    let t = text.trim();
    let t = match t.strip_prefix(['!', '/']) {
        Some(rest) => rest,
        None if is_command => t,
        None => return None,
    };
    let (word, rest) = first_word(t);
    match word.to_ascii_lowercase().as_str() {
        "gmc" => Some(Command::Gmc(rest.trim())),
        "foamed" => Some(Command::Foamed(rest.split_whitespace().collect())),
        "caldicott" => Some(Command::Caldicott(parse_sub(rest))),
        _ => None,
    }
}

fn parse_sub(rest: &str) -> Sub<'_> {
    let (word, rest) = first_word(rest);
    let words = || rest.split_whitespace().collect::<Vec<_>>();
    match word.to_ascii_lowercase().as_str() {
        "" | "help" => Sub::Help,
        "status" => Sub::Status,
        "settings" | "set" => Sub::Settings(words()),
        "check" => Sub::Check(rest.trim()),
        "dispute" => match words().as_slice() {
            [] => Sub::Dispute(None),
            [id] => Sub::Dispute(Some(id)),
            _ => Sub::Unknown,
        },
        "exempt" => Sub::Exempt(words()),
        _ => Sub::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_case() {
        assert_eq!(
            parse("!gmc chaperones", false),
            Some(Command::Gmc("chaperones"))
        );
        assert_eq!(
            parse("/GMC  chaperones ", false),
            Some(Command::Gmc("chaperones"))
        );
        assert_eq!(parse("gmc chaperones", false), None);
        assert_eq!(
            parse("gmc chaperones", true),
            Some(Command::Gmc("chaperones"))
        );
        assert_eq!(parse("!gmc", false), Some(Command::Gmc("")));
        assert_eq!(parse("!gmcx", false), None);
        assert_eq!(parse("!other", false), None);
    }

    #[test]
    fn caldicott_subcommands() {
        use Sub::*;
        let p = |s| match parse(s, false) {
            Some(Command::Caldicott(sub)) => sub,
            other => panic!("{other:?}"),
        };
        assert_eq!(p("!caldicott"), Help);
        assert_eq!(p("!caldicott help"), Help);
        assert_eq!(p("!caldicott status"), Status);
        assert_eq!(p("!caldicott settings"), Settings(vec![]));
        assert_eq!(
            p("!caldicott settings mode redact"),
            Settings(vec!["mode", "redact"])
        );
        assert_eq!(p("!caldicott check  is this ok? "), Check("is this ok?"));
        assert_eq!(p("!caldicott dispute"), Dispute(None));
        assert_eq!(p("!caldicott dispute ab12"), Dispute(Some("ab12")));
        assert_eq!(p("!caldicott dispute a b"), Unknown);
        assert_eq!(p("!caldicott exempt on"), Exempt(vec!["on"]));
        assert_eq!(p("!caldicott frobnicate"), Unknown);
    }

    #[test]
    fn foamed_args() {
        assert_eq!(
            parse("!foamed subscribe 07:30 Europe/London ecg", false),
            Some(Command::Foamed(vec![
                "subscribe",
                "07:30",
                "Europe/London",
                "ecg"
            ]))
        );
    }
}
