//! Prometheus metrics: counts only, never message content or user ids.
//!
//! [`Metrics`] is a cheap, cloneable handle. `caldicott run` creates one and
//! records what flows through the bot (see docs/operations.md, "Metrics"):
//! the core's observer calls [`Metrics::scanned`], [`Metrics::finding`],
//! [`Metrics::action`], [`Metrics::dispute`] and [`Metrics::digest_delivered`];
//! adapter state arrives through [`Metrics::set_connected`] and
//! [`Metrics::sync_reconnects`]; `/metrics` renders the text format.
//!
//! Labels are drawn from fixed, small sets (platform, category, severity,
//! action kind, rule id): nothing a user typed and no user or channel id.

use std::time::Duration;

use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

/// Buckets of the scan-latency histogram, seconds: 10 us .. 1 s.
pub const SCAN_BUCKETS: &[f64] = &[
    0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.0025, 0.005, 0.01, 0.025,
    0.05, 0.1, 0.25, 0.5, 1.0,
];

#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    messages: IntCounterVec,
    findings: IntCounterVec,
    actions: IntCounterVec,
    action_failures: IntCounterVec,
    disputes: IntCounterVec,
    deliveries: IntCounterVec,
    reconnects: IntCounterVec,
    connected: IntGaugeVec,
    scan_seconds: HistogramVec,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

fn counter(reg: &Registry, name: &str, help: &str, labels: &[&str]) -> IntCounterVec {
    let c = IntCounterVec::new(Opts::new(name, help), labels).expect("valid metric");
    reg.register(Box::new(c.clone())).expect("unique metric");
    c
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new();
        let r = &registry;
        let connected = IntGaugeVec::new(
            Opts::new(
                "caldicott_adapter_connected",
                "1 while the platform adapter is connected",
            ),
            &["platform"],
        )
        .expect("valid metric");
        r.register(Box::new(connected.clone()))
            .expect("unique metric");
        let scan_seconds = HistogramVec::new(
            HistogramOpts::new(
                "caldicott_scan_seconds",
                "Time to scan one message and decide its actions",
            )
            .buckets(SCAN_BUCKETS.to_vec()),
            &["platform"],
        )
        .expect("valid metric");
        r.register(Box::new(scan_seconds.clone()))
            .expect("unique metric");
        Metrics {
            messages: counter(
                r,
                "caldicott_messages_scanned_total",
                "Messages scanned",
                &["platform"],
            ),
            findings: counter(
                r,
                "caldicott_findings_total",
                "Findings, by category and severity",
                &["category", "severity"],
            ),
            actions: counter(
                r,
                "caldicott_actions_total",
                "Actions carried out, by kind",
                &["platform", "kind"],
            ),
            action_failures: counter(
                r,
                "caldicott_action_failures_total",
                "Actions the platform refused or that failed",
                &["platform", "kind"],
            ),
            disputes: counter(
                r,
                "caldicott_disputes_total",
                "False-positive disputes, by rule",
                &["rule"],
            ),
            deliveries: counter(
                r,
                "caldicott_digest_deliveries_total",
                "Daily #FOAMed posts delivered",
                &["platform"],
            ),
            reconnects: counter(
                r,
                "caldicott_adapter_reconnects_total",
                "Adapter reconnects",
                &["platform"],
            ),
            connected,
            scan_seconds,
            registry,
        }
    }

    /// One message scanned on `platform`, taking `took`.
    pub fn scanned(&self, platform: &str, took: Duration) {
        self.messages.with_label_values(&[platform]).inc();
        self.scan_seconds
            .with_label_values(&[platform])
            .observe(took.as_secs_f64());
    }

    /// One finding (category and severity wire names).
    pub fn finding(&self, category: &str, severity: &str) {
        self.findings.with_label_values(&[category, severity]).inc();
    }

    /// One action carried out (`Action::kind()`), and whether it worked.
    pub fn action(&self, platform: &str, kind: &str, ok: bool) {
        if ok {
            self.actions.with_label_values(&[platform, kind]).inc();
        } else {
            self.action_failures
                .with_label_values(&[platform, kind])
                .inc();
        }
    }

    pub fn dispute(&self, rule: &str) {
        self.disputes.with_label_values(&[rule]).inc();
    }

    pub fn digest_delivered(&self, platform: &str) {
        self.deliveries.with_label_values(&[platform]).inc();
    }

    /// Bring a counter kept elsewhere (an adapter's own atomics) up to `total`.
    pub fn sync_reconnects(&self, platform: &str, total: u64) {
        let c = self.reconnects.with_label_values(&[platform]);
        let now = c.get();
        if total > now {
            c.inc_by(total - now);
        }
    }

    pub fn set_connected(&self, platform: &str, connected: bool) {
        self.connected
            .with_label_values(&[platform])
            .set(i64::from(connected));
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        TextEncoder::new()
            .encode(&self.registry.gather(), &mut buf)
            .expect("text encoding to a Vec cannot fail");
        String::from_utf8(buf).expect("text format is UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_with_fixed_labels() {
        let m = Metrics::new();
        m.scanned("matrix", Duration::from_micros(40));
        m.scanned("matrix", Duration::from_micros(60));
        m.finding("patient_direct", "high");
        m.action("matrix", "private_note", true);
        m.action("matrix", "redact", false);
        m.dispute("nhs-number");
        m.digest_delivered("discord");
        m.sync_reconnects("matrix", 3);
        m.sync_reconnects("matrix", 2);
        m.set_connected("matrix", true);
        let text = m.render();
        for line in [
            "caldicott_messages_scanned_total{platform=\"matrix\"} 2",
            "caldicott_findings_total{category=\"patient_direct\",severity=\"high\"} 1",
            "caldicott_actions_total{kind=\"private_note\",platform=\"matrix\"} 1",
            "caldicott_action_failures_total{kind=\"redact\",platform=\"matrix\"} 1",
            "caldicott_disputes_total{rule=\"nhs-number\"} 1",
            "caldicott_digest_deliveries_total{platform=\"discord\"} 1",
            "caldicott_adapter_reconnects_total{platform=\"matrix\"} 3",
            "caldicott_adapter_connected{platform=\"matrix\"} 1",
            "caldicott_scan_seconds_count{platform=\"matrix\"} 2",
            "# TYPE caldicott_scan_seconds histogram",
        ] {
            assert!(text.contains(line), "missing `{line}` in\n{text}");
        }
    }
}
