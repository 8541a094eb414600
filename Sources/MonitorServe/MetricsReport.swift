import Foundation
import MonitorCore
import MonitorStore
import Prometheus

/// The figures `/metrics` exposes, in the Prometheus text format, read from the store on each
/// scrape so they survive restarts and idle spells of the daemon.
enum MetricsReport {
    /// The metrics of every site and webhook endpoint.
    ///
    /// - Parameter store: The store.
    /// - Returns: The Prometheus text exposition.
    /// - Throws: ``StoreError`` when the store cannot be read.
    static func text(from store: SnapshotStore) async throws -> String {
        let summaries = try await store.siteSummaries()
        let deliveries = try await store.deliveryCounts()
        let registry = PrometheusCollectorRegistry()
        func descriptor(_ name: String, _ help: String, unit: String = "") -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "monitor", metricName: name, unitName: unit, helpText: help)
        }
        registry.makeGauge(descriptor: descriptor("sites", "Sites in the store.")).set(Double(summaries.count))
        for summary in summaries {
            let site = summary.site.id.rawValue
            for outcome in Snapshot.Outcome.allCases {
                registry.makeCounter(
                    descriptor: descriptor(
                        "checks_total",
                        "Stored checks of a site, by outcome (changed, unchanged, not-modified, unreadable, "
                            + "suspect, failed)."
                    ),
                    labels: [("site", site), ("outcome", outcome.rawValue)]
                ).increment(by: Int64(summary.checks[outcome] ?? 0))
            }
            if let last = summary.lastCheck {
                registry.makeGauge(
                    descriptor: descriptor(
                        "last_check_timestamp",
                        "When the site was last checked, as Unix time.",
                        unit: "seconds"
                    ),
                    labels: [("site", site)]
                ).set(last.fetchedAt.timeIntervalSince1970)
            }
            if let change = summary.lastChange {
                registry.makeGauge(
                    descriptor: descriptor(
                        "last_change_timestamp",
                        "When a change on the site was last detected, as Unix time.",
                        unit: "seconds"
                    ),
                    labels: [("site", site)]
                ).set(change.timeIntervalSince1970)
            }
            if let good = summary.lastGood {
                let counts: [(EntryKind, Int?)] = [
                    (.publication, good.publications), (.talk, good.talks), (.member, good.members),
                ]
                for (kind, count) in counts {
                    registry.makeGauge(
                        descriptor: descriptor("entries", "Entries on the site's last good page, by kind."),
                        labels: [("site", site), ("kind", kind.rawValue)]
                    ).set(Double(count ?? 0))
                }
            }
            registry.makeGauge(
                descriptor: descriptor("consecutive_failures", "Failed checks of the site in a row, up to now."),
                labels: [("site", site)]
            ).set(Double(summary.consecutiveFailures))
        }
        for (endpoint, states) in deliveries.sorted(by: { $0.key < $1.key }) {
            for state in [Delivery.Status.pending, .delivered, .failed] {
                registry.makeGauge(
                    descriptor: descriptor(
                        "webhook_messages",
                        "Webhook messages in the outbox, by endpoint and state (pending, delivered, failed)."
                    ),
                    labels: [("endpoint", endpoint), ("state", state.rawValue)]
                ).set(Double(states[state] ?? 0))
            }
        }
        return registry.emitToString()
    }
}
