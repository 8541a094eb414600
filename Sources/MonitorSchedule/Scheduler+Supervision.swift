import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorStore

// The check slots (at most `concurrency` at once, most overdue first), the supervisor (watchdog,
// going idle) and the wake slots that make checks come in bursts.
extension Scheduler {
    // MARK: - Slots: at most `concurrency` checks at once, most overdue first

    func acquireSlot(due: Date, id: String) async {
        if running < configuration.concurrency && waiting.isEmpty {
            running += 1
            return
        }
        await withCheckedContinuation { continuation in
            waiting.append((due, id, continuation))
            waiting.sort { $0.due < $1.due }
        }
    }

    func releaseSlot() {
        if !waiting.isEmpty, running <= configuration.concurrency {
            waiting.removeFirst().continuation.resume()  // the slot passes on
        } else {
            running -= 1
        }
    }

    // MARK: - Supervision, reload, stop

    /// Ticks while the service runs: sends `WATCHDOG=1` when the scheduler is healthy.
    func supervise() async {
        let tick = notifier.watchdogInterval ?? .seconds(5)
        while !Task.isCancelled && !isStopping {
            if isHealthy() { notifier.watchdog() }
            if let idleAfter, let quiet = await quietUntil(atLeast: idleAfter), !isStopping, canIdle() {
                handOff = HandOff(
                    until: quiet,
                    sites: states.mapValues { Resume(due: $0.due, failures: $0.failures, isReported: $0.isReported) },
                    status: "idle until \(quiet.iso8601); \(lastSummary)"
                )
                logger.info(
                    "Nothing due for a while: going idle",
                    metadata: ["until": "\(quiet.iso8601)", "sites": "\(states.count)"]
                )
                handOffSignal?.yield()
                return
            }
            // Real time, not the scheduler's clock: systemd counts the watchdog in real time.
            do { try await Task.sleep(for: tick) } catch { return }
        }
    }

    /// A due time moved, within the site's jitter, to the nearest wake slot.
    ///
    /// Slots are multiples of twice `--idle-after` since 1970, so that checks come in bursts with idle
    /// spells between them instead of drifting apart until the daemon never sleeps. Unchanged when
    /// idling is off or the jitter window holds no slot (short intervals).
    func aligned(_ due: Date, interval: Double) -> Date {
        guard let idleAfter else { return due }
        let slot = 2 * Self.seconds(idleAfter)
        let window = interval * configuration.jitter
        guard slot > 0 else { return due }
        let nearest = (due.timeIntervalSince1970 / slot).rounded() * slot
        guard abs(nearest - due.timeIntervalSince1970) <= window, nearest > now().timeIntervalSince1970 else {
            return due
        }
        return Date(timeIntervalSince1970: nearest)
    }

    /// When the next check or webhook delivery is due, if that is at least `duration` away.
    ///
    /// Nil while anything runs or waits. The outbox is read only when the checks alone leave that long.
    func quietUntil(atLeast duration: Duration) async -> Date? {
        guard running == 0, waiting.isEmpty, !states.values.contains(where: { $0.checkStarted != nil }) else {
            return nil
        }
        let earliest = now().addingTimeInterval(Self.seconds(duration))
        let nextCheck = states.values.map(\.due).min() ?? now().addingTimeInterval(86_400)
        guard nextCheck >= earliest else { return nil }
        // Messages for endpoints no longer configured stay pending but are never sent: not a reason to stay awake.
        let endpoints = configuration.webhooks.map(\.name)
        guard let nextDelivery = try? await checker.store.nextDeliveryTime(endpoints: endpoints) else {
            return nextCheck
        }
        return nextDelivery >= earliest ? min(nextCheck, nextDelivery) : nil
    }

    /// Healthy: no check is running, or one started or finished within the fetch time limit plus a
    /// minute. (Checks of one host queue behind each other, so a check's own age says nothing; but
    /// while any run, one must end at least once per time limit.)
    func isHealthy() -> Bool {
        guard states.values.contains(where: { $0.checkStarted != nil }) else { return true }
        return now().timeIntervalSince(lastProgress) <= Self.seconds(configuration.timeout) + 60
    }
}
