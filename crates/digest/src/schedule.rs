//! Schedule maths for the daily post. Pure: `now` is always a parameter.
//!
//! A channel posts at a wall-clock time `at` in its IANA zone. For each
//! local day `d` there is exactly one post instant, [`post_instant`]:
//! - normally `d` at `at` local time;
//! - if `at` falls in a spring-forward gap, the first valid local time
//!   after it (01:30 on the UK spring day posts at 02:00 BST);
//! - if `at` occurs twice (autumn fall-back), the first occurrence only.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use crate::Error;

/// Parse a 24-hour `HH:MM` wall-clock time.
pub fn parse_hhmm(input: &str) -> Result<NaiveTime, Error> {
    let err = || Error::Time {
        input: input.to_owned(),
    };
    let (h, m) = input.trim().split_once(':').ok_or_else(err)?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return Err(err());
    }
    let h: u32 = h.parse().map_err(|_| err())?;
    let m: u32 = m.parse().map_err(|_| err())?;
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(err)
}

/// Parse an IANA zone name (`Europe/London`, `UTC`, ...).
pub fn parse_tz(input: &str) -> Result<Tz, Error> {
    let name = input.trim();
    if let Ok(tz) = name.parse::<Tz>() {
        return Ok(tz);
    }
    // People type `europe/london`: accept any case.
    chrono_tz::TZ_VARIANTS
        .iter()
        .find(|tz| tz.name().eq_ignore_ascii_case(name))
        .copied()
        .ok_or_else(|| Error::Zone {
            input: input.to_owned(),
        })
}

/// The one instant at which the post for local day `day` is due.
pub fn post_instant(tz: Tz, at: NaiveTime, day: NaiveDate) -> DateTime<Utc> {
    let at = at
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(at);
    let mut local = day.and_time(at);
    // Step forward a minute at a time out of a gap. Real gaps are at most a
    // day long (Pacific/Apia skipped 2011-12-30), so this ends.
    for _ in 0..(2 * 24 * 60) {
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => return t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
            LocalResult::None => local += Duration::minutes(1),
        }
    }
    // Unreachable for real zones; fall back to reading `at` as UTC.
    Utc.from_utc_datetime(&day.and_time(at))
}

/// The local calendar day of `now` in `tz`.
pub fn local_day(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// The first post instant at or after `now`.
pub fn next_post(tz: Tz, at: NaiveTime, now: DateTime<Utc>) -> DateTime<Utc> {
    let today = local_day(tz, now);
    let mut day = today - Duration::days(2);
    loop {
        let t = post_instant(tz, at, day);
        if t >= now {
            return t;
        }
        day += Duration::days(1);
    }
}

/// The latest local day whose post instant is at or before `now`.
pub fn latest_due_day(tz: Tz, at: NaiveTime, now: DateTime<Utc>) -> NaiveDate {
    let mut day = local_day(tz, now) + Duration::days(2);
    while post_instant(tz, at, day) > now {
        day -= Duration::days(1);
    }
    day
}

/// Which day's post (if any) should be made now.
///
/// Only the most recent due day is ever considered, so a bot that was down
/// for a week posts once on restart, not seven times. It posts it only if
/// `now` is within `grace` of that day's post instant, and only if that day
/// is later than `last_day` (the last day already intended or delivered).
pub fn due_day(
    tz: Tz,
    at: NaiveTime,
    now: DateTime<Utc>,
    last_day: Option<NaiveDate>,
    grace: Duration,
) -> Option<NaiveDate> {
    let day = latest_due_day(tz, at, now);
    if last_day.is_some_and(|l| l >= day) {
        return None;
    }
    if now - post_instant(tz, at, day) > grace {
        return None;
    }
    Some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }
    fn t(s: &str) -> NaiveTime {
        parse_hhmm(s).unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    const LONDON: Tz = chrono_tz::Europe::London;

    #[test]
    fn parses_times_and_zones() {
        assert_eq!(t("08:00"), NaiveTime::from_hms_opt(8, 0, 0).unwrap());
        assert_eq!(t("8:05"), NaiveTime::from_hms_opt(8, 5, 0).unwrap());
        for bad in [
            "24:00", "8", "08:60", "08:0", "ab:cd", "", "08:00:00", "-1:00",
        ] {
            assert!(parse_hhmm(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_tz("Europe/London").unwrap(), LONDON);
        assert_eq!(parse_tz(" europe/LONDON ").unwrap(), LONDON);
        assert_eq!(parse_tz("utc").unwrap(), chrono_tz::UTC);
        let e = parse_tz("Europe/Londn").unwrap_err().to_string();
        assert!(e.contains("Europe/Londn"), "{e}");
    }

    #[test]
    fn ordinary_days_in_winter_and_summer() {
        assert_eq!(
            post_instant(LONDON, t("08:00"), d("2025-01-15")),
            utc("2025-01-15T08:00:00Z")
        );
        assert_eq!(
            post_instant(LONDON, t("08:00"), d("2025-07-15")),
            utc("2025-07-15T07:00:00Z")
        );
        assert_eq!(
            next_post(LONDON, t("08:00"), utc("2025-07-15T07:00:00Z")),
            utc("2025-07-15T07:00:00Z")
        );
        assert_eq!(
            next_post(LONDON, t("08:00"), utc("2025-07-15T07:00:01Z")),
            utc("2025-07-16T07:00:00Z")
        );
    }

    #[test]
    fn spring_forward_gap_posts_once_at_next_valid_time() {
        // 2025-03-30: UK clocks go 01:00 GMT -> 02:00 BST; 01:30 does not exist.
        let day = d("2025-03-30");
        assert_eq!(
            post_instant(LONDON, t("01:30"), day),
            utc("2025-03-30T01:00:00Z")
        );
        assert_eq!(
            next_post(LONDON, t("01:30"), utc("2025-03-29T02:00:00Z")),
            utc("2025-03-30T01:00:00Z")
        );
        // New York 2025-03-09 02:30 does not exist -> 03:00 EDT = 07:00Z.
        let ny = chrono_tz::America::New_York;
        assert_eq!(
            post_instant(ny, t("02:30"), d("2025-03-09")),
            utc("2025-03-09T07:00:00Z")
        );
    }

    #[test]
    fn autumn_fall_back_posts_once_not_twice() {
        // 2025-10-26: 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT).
        let day = d("2025-10-26");
        assert_eq!(
            post_instant(LONDON, t("01:30"), day),
            utc("2025-10-26T00:30:00Z")
        );
        // The second 01:30 is not a post instant: the next one is tomorrow.
        assert_eq!(
            next_post(LONDON, t("01:30"), utc("2025-10-26T00:30:01Z")),
            utc("2025-10-27T01:30:00Z")
        );
        let grace = Duration::hours(6);
        assert_eq!(
            due_day(LONDON, t("01:30"), utc("2025-10-26T00:30:00Z"), None, grace),
            Some(day)
        );
        assert_eq!(
            due_day(
                LONDON,
                t("01:30"),
                utc("2025-10-26T01:30:00Z"),
                Some(day),
                grace
            ),
            None
        );
    }

    #[test]
    fn downtime_catches_up_once_within_grace_and_never_floods() {
        let grace = Duration::hours(4);
        let last = Some(d("2025-01-10"));
        // Down from the 10th to 10:00 on the 15th: only the 15th is posted.
        assert_eq!(
            due_day(LONDON, t("08:00"), utc("2025-01-15T10:00:00Z"), last, grace),
            Some(d("2025-01-15"))
        );
        // Back at 13:00, past the grace window: the day is skipped.
        assert_eq!(
            due_day(LONDON, t("08:00"), utc("2025-01-15T13:00:00Z"), last, grace),
            None
        );
        // Before the post time: nothing yet, not yesterday's catch-up beyond grace.
        assert_eq!(
            due_day(LONDON, t("08:00"), utc("2025-01-15T07:59:00Z"), last, grace),
            None
        );
    }

    #[test]
    fn skipped_calendar_day_in_apia() {
        // Samoa skipped 2011-12-30 entirely; the schedule must still terminate
        // and stay increasing.
        let apia = chrono_tz::Pacific::Apia;
        let a = post_instant(apia, t("08:00"), d("2011-12-29"));
        let b = post_instant(apia, t("08:00"), d("2011-12-30"));
        let c = post_instant(apia, t("08:00"), d("2011-12-31"));
        assert!(a < b && b < c);
    }
}
