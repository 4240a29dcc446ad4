//! One conformance suite for every backend, in the style of matrix-sdk's
//! `statestore_integration_tests!`: a backend's test file calls
//! [`store_conformance_tests!`](crate::store_conformance_tests) with a
//! function that makes a fresh store (and a guard that keeps its files alive).

/// Expands to a module of tests run against the store made by `$make`
/// (a `fn() -> (S, G)` where `S: Store` and `G` is kept alive for the test).
#[macro_export]
macro_rules! store_conformance_tests {
    ($make:expr) => {
        mod store_conformance {
            #[allow(unused_imports)]
            use super::*;
            use $crate::{Batch, ChannelSettings, Mode, Store, StoreExt};

            fn store() -> (impl Store, impl Sized) {
                ($make)()
            }

            #[test]
            fn fresh_store_has_schema_and_secret_only() {
                let (s, _g) = store();
                let all = s.dump().unwrap();
                let names: Vec<_> = all.iter().map(|(n, k, _)| format!("{n}/{k}")).collect();
                assert_eq!(names, ["meta/author_hmac_key", "meta/schema_version"]);
            }

            #[test]
            fn get_put_remove_roundtrip() {
                let (s, _g) = store();
                assert_eq!(s.get("x", "a").unwrap(), None);
                let mut b = Batch::new();
                b.put_raw("x", "a", b"1".to_vec()).put_raw("x", "b", b"2".to_vec());
                s.apply(b).unwrap();
                assert_eq!(s.get("x", "a").unwrap().as_deref(), Some(&b"1"[..]));
                let mut b = Batch::new();
                b.remove("x", "a");
                s.apply(b).unwrap();
                assert_eq!(s.get("x", "a").unwrap(), None);
                assert_eq!(s.get("x", "b").unwrap().as_deref(), Some(&b"2"[..]));
            }

            #[test]
            fn scan_is_sorted_and_bounded_by_namespace_and_prefix() {
                let (s, _g) = store();
                let mut b = Batch::new();
                for (ns, k) in [("n", "b|2"), ("n", "a|1"), ("n", "b|1"), ("nn", "b|0"), ("m", "b|9")] {
                    b.put_raw(ns, k, b"0".to_vec());
                }
                s.apply(b).unwrap();
                let keys: Vec<_> = s.scan("n", "b|").unwrap().into_iter().map(|(k, _)| k).collect();
                assert_eq!(keys, ["b|1", "b|2"]);
                let keys: Vec<_> = s.scan("n", "").unwrap().into_iter().map(|(k, _)| k).collect();
                assert_eq!(keys, ["a|1", "b|1", "b|2"]);
            }

            #[test]
            fn counters_add_within_and_across_batches() {
                let (s, _g) = store();
                let mut b = Batch::new();
                b.add("c", "k", 2).add("c", "k", 3);
                s.apply(b).unwrap();
                let mut b = Batch::new();
                b.add("c", "k", 1);
                s.apply(b).unwrap();
                assert_eq!(s.counter("c", "k").unwrap(), 6);
                assert_eq!(s.counter("c", "other").unwrap(), 0);
            }

            #[test]
            fn failing_batch_applies_nothing() {
                let (s, _g) = store();
                let mut b = Batch::new();
                b.put_raw("c", "bad", b"\"not a number\"".to_vec());
                s.apply(b).unwrap();
                let mut b = Batch::new();
                b.put_raw("c", "first", b"1".to_vec()).add("c", "bad", 1);
                let err = s.apply(b).unwrap_err();
                assert!(err.to_string().contains("c/bad"), "{err}");
                assert_eq!(s.get("c", "first").unwrap(), None);
            }

            #[test]
            fn settings_roundtrip_and_default_absent() {
                let (s, _g) = store();
                assert_eq!(s.settings("matrix:!room:x").unwrap(), None);
                let mut set = ChannelSettings::default();
                set.mode = Mode::Redact;
                set.mod_log = Some("!mods:x".into());
                set.staff_names.insert("Dr Okafor".into());
                s.save_settings("matrix:!room:x", &set).unwrap();
                assert_eq!(s.settings("matrix:!room:x").unwrap(), Some(set));
            }

            #[test]
            fn keyed_hash_is_stable_keyed_and_domain_separated() {
                let (s, _g) = store();
                let (t, _g2) = store();
                let a = s.keyed_hash("author", "discord:42").unwrap();
                assert_eq!(a, s.keyed_hash("author", "discord:42").unwrap());
                assert_eq!(a.len(), 32);
                assert_ne!(a, s.keyed_hash("note", "discord:42").unwrap());
                assert_ne!(a, s.keyed_hash("author", "discord:43").unwrap());
                // A different deployment (secret) gives a different hash.
                assert_ne!(a, t.keyed_hash("author", "discord:42").unwrap());
            }

            #[test]
            fn audit_and_disputes_count_per_key() {
                let (s, _g) = store();
                let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
                let mut b = Batch::new();
                b.audit("c|1", day, "patient_direct", "nhs-number", "h1")
                    .audit("c|1", day, "patient_direct", "nhs-number", "h1")
                    .audit("c|1", day, "intoxication", "drunk", "h2")
                    .audit("c|10", day, "intoxication", "drunk", "h2")
                    .dispute("c|1", "patient_direct", "nhs-number");
                s.apply(b).unwrap();
                let audit = s.audit("c|1").unwrap();
                assert_eq!(audit.len(), 2);
                let nhs = audit.iter().find(|a| a.rule == "nhs-number").unwrap();
                assert_eq!((nhs.day.as_str(), nhs.count), ("2026-03-01", 2));
                assert_eq!(
                    s.disputes("c|1").unwrap(),
                    [("patient_direct".to_string(), "nhs-number".to_string(), 1)]
                );
                assert!(s.disputes("c|10").unwrap().is_empty());
            }

            #[test]
            fn export_import_roundtrip() {
                let (s, _g) = store();
                let mut set = ChannelSettings::default();
                set.mode = Mode::Thread;
                s.save_settings("console:ward-7", &set).unwrap();
                let mut b = Batch::new();
                b.dispute("console:ward-7", "patient_direct", "nhs-number");
                s.apply(b).unwrap();
                let h = s.keyed_hash("author", "x").unwrap();
                let json = $crate::export(&s).unwrap();
                let (t, _g2) = store();
                let n = $crate::import(&t, &json).unwrap();
                assert!(n >= 3, "{n}");
                assert_eq!(t.settings("console:ward-7").unwrap(), Some(set));
                assert_eq!(t.keyed_hash("author", "x").unwrap(), h);
                assert_eq!(t.disputes("console:ward-7").unwrap().len(), 1);
                assert_eq!($crate::export(&t).unwrap(), json);
                // A second import into a store with records is refused.
                let err = $crate::import(&t, &json).unwrap_err();
                assert!(err.to_string().contains("already holds records"), "{err}");
            }

            #[test]
            fn import_rejects_bad_exports_naming_where() {
                let (s, _g) = store();
                let err = $crate::import(&s, &serde_json::json!({"format": "nope"})).unwrap_err();
                assert!(err.to_string().contains("format"), "{err}");
                let bad = serde_json::json!({"format": $crate::EXPORT_FORMAT, "schema_version": 1,
                    "records": [{"ns": "settings", "key": "a", "value": 1}, {"key": "b"}]});
                let err = $crate::import(&s, &bad).unwrap_err();
                assert!(err.to_string().contains("records[1]"), "{err}");
                let newer = serde_json::json!({"format": $crate::EXPORT_FORMAT, "schema_version": 99, "records": []});
                assert!($crate::import(&s, &newer).is_err());
                assert_eq!(s.settings("a").unwrap(), None);
            }

            #[test]
            fn newer_record_version_is_refused_with_key() {
                let (s, _g) = store();
                let mut b = Batch::new();
                b.put_raw("settings", "chan", br#"{"v":99,"data":{}}"#.to_vec());
                s.apply(b).unwrap();
                let err = s.settings("chan").unwrap_err();
                assert!(err.to_string().contains("settings/chan"), "{err}");
                assert!(err.to_string().contains("99"), "{err}");
            }
        }
    };
}
