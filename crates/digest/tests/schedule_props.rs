//! Property tests for the schedule maths across DST transitions and random
//! restart points.

use caldicott_digest::schedule::{due_day, latest_due_day, local_day, next_post, post_instant};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use std::collections::BTreeMap;

const ZONES: &[Tz] = &[
    chrono_tz::Europe::London,
    chrono_tz::America::New_York,
    chrono_tz::Australia::Sydney,
    chrono_tz::Australia::Lord_Howe, // 30-minute DST shift
    chrono_tz::Europe::Berlin,
    chrono_tz::America::Santiago, // transitions at midnight
    chrono_tz::Asia::Kolkata,     // no DST, half-hour offset
    chrono_tz::UTC,
];

/// Instants near the DST transitions of 2024-2026 in the zones above, so the
/// random points cluster where bugs live.
fn transition_instants() -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    for tz in ZONES {
        let mut prev = None;
        let mut t = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        while t < end {
            let off = t.with_timezone(tz).offset().to_string();
            if prev.as_ref().is_some_and(|p| *p != off) {
                out.push(t);
            }
            prev = Some(off);
            t += Duration::hours(1);
        }
    }
    out
}

fn arb_zone() -> impl Strategy<Value = Tz> {
    (0..ZONES.len()).prop_map(|i| ZONES[i])
}

fn arb_time() -> impl Strategy<Value = NaiveTime> {
    // Bias towards the small hours where DST changes happen.
    prop_oneof![
        (0u32..4, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
        (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
    ]
}

fn arb_now() -> impl Strategy<Value = DateTime<Utc>> {
    let anchors = transition_instants();
    let n = anchors.len();
    prop_oneof![
        (0..n, -3 * 86_400i64..3 * 86_400)
            .prop_map(move |(i, s)| anchors[i] + Duration::seconds(s)),
        (1_700_000_000i64..1_800_000_000).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn next_post_is_the_first_instant_at_or_after_now(tz in arb_zone(), at in arb_time(), now in arb_now()) {
        let next = next_post(tz, at, now);
        prop_assert!(next >= now);
        prop_assert!(next - now <= Duration::hours(26), "gap {:?}", next - now);
        // No day's post instant lies in [now, next).
        let today = local_day(tz, now);
        for k in -3..=3 {
            let p = post_instant(tz, at, today + Duration::days(k));
            prop_assert!(p < now || p >= next, "day {k}: {p} between {now} and {next}");
        }
    }

    #[test]
    fn post_instants_are_strictly_increasing_and_on_their_day(tz in arb_zone(), at in arb_time(), now in arb_now()) {
        let day = local_day(tz, now);
        let a = post_instant(tz, at, day);
        let b = post_instant(tz, at, day + Duration::days(1));
        prop_assert!(a < b);
        prop_assert!(b - a >= Duration::hours(22) && b - a <= Duration::hours(26));
        // The post lands on its own local day (gaps never push past midnight
        // in these zones), at `at` or within the gap after it.
        let local = a.with_timezone(&tz);
        prop_assert_eq!(local.date_naive(), day);
        prop_assert!(local.time() >= at && local.time() - at <= Duration::hours(1));
    }

    #[test]
    fn latest_due_day_is_consistent(tz in arb_zone(), at in arb_time(), now in arb_now()) {
        let d = latest_due_day(tz, at, now);
        prop_assert!(post_instant(tz, at, d) <= now);
        prop_assert!(post_instant(tz, at, d + Duration::days(1)) > now);
    }

    /// A bot that wakes at random points (ticks every few minutes, crashes and
    /// restarts after random downtime) posts at most once per local day, only
    /// at or after the day's instant, never more than `grace` late, and posts
    /// every day on which it was awake throughout the grace window.
    #[test]
    fn random_restarts_post_each_day_at_most_once(
        tz in arb_zone(),
        at in arb_time(),
        start in arb_now(),
        steps in proptest::collection::vec((1i64..=30, 0u8..20, 0i64..72 * 60), 50..400),
        grace_h in 1i64..12,
    ) {
        let grace = Duration::hours(grace_h);
        let mut now = start;
        let mut last: Option<NaiveDate> = None; // what the store remembers
        let mut posts: BTreeMap<NaiveDate, DateTime<Utc>> = BTreeMap::new();
        let mut awake: Vec<(DateTime<Utc>, DateTime<Utc>)> = vec![(now, now)];
        for (tick_min, crash_roll, down_min) in steps {
            if crash_roll == 0 {
                // Crash and stay down; the store (`last`) survives.
                now += Duration::minutes(down_min);
                awake.push((now, now));
            } else {
                now += Duration::minutes(tick_min);
                awake.last_mut().unwrap().1 = now;
            }
            if let Some(day) = due_day(tz, at, now, last, grace) {
                prop_assert!(posts.insert(day, now).is_none(), "day {day} posted twice");
                let due = post_instant(tz, at, day);
                prop_assert!(now >= due && now - due <= grace);
                last = Some(day);
            }
        }
        // Completeness: a day whose whole [due, due + grace] window was
        // covered by one awake stretch with ticks of <= 30 min was posted.
        for (from, to) in &awake {
            let mut day = local_day(tz, *from);
            loop {
                let due = post_instant(tz, at, day);
                if due > *to { break; }
                if due >= *from + Duration::minutes(1) && due + grace <= *to {
                    prop_assert!(posts.contains_key(&day), "day {day} missed while awake");
                }
                day += Duration::days(1);
            }
        }
    }
}
