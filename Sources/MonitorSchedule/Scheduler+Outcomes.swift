import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorStore

// What a check's outcome means for its site: the next due time (interval and jitter after a
// success, exponential backoff after a failure, never before a Retry-After), the failure count
// and its report, the log line and the status shown to systemd.
extension Scheduler {

    func finish(_ id: String, _ outcome: Result<Checker.Report, any Error>) {
        guard var state = states[id] else { return }
        checksDone += 1
        let current = now()
        let interval = Self.seconds(state.entry.interval)
        let jitter = interval * configuration.jitter
        var next = current + interval + random(-jitter...max(jitter, 0))
        var metadata: Logger.Metadata = ["site.id": "\(id)"]
        var failed = false
        switch outcome {
        case .success(let report):
            if let until = report.skippedUntil {
                next = until
                metadata["skipped.until"] = "\(until)"
            }
            if let snapshot = report.snapshot {
                metadata["outcome"] = "\(snapshot.outcome.rawValue)"
                failed = snapshot.outcome == .failed || snapshot.outcome == .unreadable
                if failed, let message = snapshot.message { metadata["error"] = "\(message)" }
                if let retryAt = snapshot.retryAt { next = max(next, retryAt) }
            }
            if let changes = report.changes, !changes.isEmpty {
                var changed = metadata
                changed["changes"] = "\(Self.counts(changes))"
                if report.isHeld {
                    logger.notice("Change held as suspect until the next check", metadata: changed)
                } else {
                    logger.notice("Change detected", metadata: changed)
                }
            }
        case .failure(let error):
            failed = true
            metadata["error"] = "\(error)"
            logger.error("Check not stored", metadata: metadata)
        }
        if failed {
            state.failures += 1
            // Exponential backoff: 1 min, 2, 4, … never longer than the interval, never before a Retry-After.
            next = current + min(interval, 60 * pow(2, Double(min(state.failures - 1, 20))))
            if case .success(let report) = outcome, let retryAt = report.snapshot?.retryAt { next = max(next, retryAt) }
            if state.failures >= configuration.failuresBeforeReport && !state.isReported {
                state.isReported = true
                var failing = metadata
                failing["failures"] = "\(state.failures)"
                logger.warning("Site failing", metadata: failing)
            }
        } else {
            if state.isReported { logger.notice("Site recovered", metadata: metadata) }
            state.failures = 0
            state.isReported = false
        }
        state.due = failed ? next : aligned(next, interval: interval)
        states[id] = state
        logger.info("Checked", metadata: metadata)
        let failing = states.values.filter { $0.failures > 0 }.count
        lastSummary =
            "\(Self.sites(states.count)), \(failing) failing; last: \(id) \(metadata["outcome"].map { "\($0)" } ?? "error") at "
            + current.iso8601
        notifier.status(lastSummary)
    }

    static func counts(_ changes: ChangeSet) -> String {
        var parts: [String] = []
        for (name, added, modified, removed) in [
            (
                "publications", changes.publications.added.count, changes.publications.modified.count,
                changes.publications.removed.count
            ),
            ("talks", changes.talks.added.count, changes.talks.modified.count, changes.talks.removed.count),
            ("members", changes.members.added.count, changes.members.modified.count, changes.members.removed.count),
        ] where added + modified + removed > 0 {
            parts.append("\(name) +\(added) ~\(modified) -\(removed)")
        }
        return parts.joined(separator: ", ")
    }
}
