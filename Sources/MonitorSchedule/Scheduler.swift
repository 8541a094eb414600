import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorFetch
import MonitorStore
import ServiceLifecycle
import UnixSignals

/// `monitor run`'s service: checks every enabled site at its interval, for as long as it runs.
///
/// - Each site has a loop: wait until due, take one of `concurrency` slots (most overdue first),
///   check, and plan the next check: the interval with jitter after success; exponential backoff
///   (1 min, 2, 4, … up to the interval) after a failure; never before a `Retry-After`.
/// - After downtime each site is checked once, not once per missed interval, and overdue sites
///   are spread over a short window instead of all at once.
/// - A site is reported (a warning) after `failuresBeforeReport` failures in a row, once, and
///   again when it recovers.
/// - Graceful shutdown (SIGTERM, SIGINT) stops waiting sites at once and lets checks in hand
///   finish. SIGHUP reloads the configuration; an invalid one is logged and the old one kept.
/// - Under systemd: `READY=1` when running, `STATUS=` after each check, `WATCHDOG=1` only
///   while the supervisor loop runs and no check is stuck past its time limit.
public actor Scheduler: Service {
    private var configuration: Configuration
    private var checker: Checker
    private let notifier: SystemdNotifier
    private let logger: Logger
    private let reload: @Sendable () throws -> Configuration
    private let reloaded: @Sendable (Configuration) async -> Void
    private let now: @Sendable () -> Date

    private struct SiteState {
        var entry: Configuration.SiteEntry
        var due: Date
        var failures = 0
        var isReported = false
        var checkStarted: Date?
        var task: Task<Void, Never>?
    }

    /// A site's place in the schedule, carried across an idle hand-over (`monitor-idle`).
    public struct Resume: Codable, Sendable, Equatable {
        /// When the site is next due.
        public var due: Date
        /// Failures in a row so far.
        public var failures: Int
        /// Whether the failing site was already reported.
        public var isReported: Bool

        /// Creates a resume entry.
        public init(due: Date, failures: Int, isReported: Bool) {
            self.due = due
            self.failures = failures
            self.isReported = isReported
        }
    }

    /// Why `run()` returned without a shutdown signal: nothing is due until `until`.
    public struct HandOff: Sendable {
        /// The earliest due check or webhook delivery.
        public var until: Date
        /// Every site's place in the schedule.
        public var sites: [String: Resume]
        /// The status line to show meanwhile.
        public var status: String
    }

    /// Set when the scheduler stopped to go idle rather than to exit.
    public private(set) var handOff: HandOff?
    private let idleAfter: Duration?
    private let canIdle: @Sendable () -> Bool
    private var resume: [String: Resume]
    private var handOffSignal: AsyncStream<Void>.Continuation?

    private var states: [String: SiteState] = [:]
    private var waiting: [(due: Date, id: String, continuation: CheckedContinuation<Void, Never>)] = []
    private var running = 0
    private var isStopping = false
    private var lastSummary = "starting"
    private var checksDone = 0
    /// When a check last started or finished.
    private var lastProgress = Date()

    /// Creates the scheduler.
    ///
    /// - Parameters:
    ///   - configuration: The configuration loaded at start.
    ///   - checker: The pipeline (store, fetcher).
    ///   - notifier: systemd's notify socket (does nothing outside systemd).
    ///   - logger: Where one line per check and event goes.
    ///   - reload: Reads the configuration again (on SIGHUP).
    ///   - reloaded: Told about a configuration that was reloaded (the webhook worker's endpoints).
    ///   - now: The clock for timestamps and due times.
    ///   - idleAfter: Stop (to hand over to `monitor-idle`) when no check or delivery is due for this
    ///     long; nil never does.
    ///   - canIdle: Asked just before going idle (is `monitor-idle` still there, the state directory writable?).
    ///   - resume: Sites' places in the schedule from before a hand-over.
    public init(
        configuration: Configuration,
        checker: Checker,
        notifier: SystemdNotifier,
        logger: Logger,
        reload: @escaping @Sendable () throws -> Configuration,
        reloaded: @escaping @Sendable (Configuration) async -> Void = { _ in },
        now: @escaping @Sendable () -> Date = { Date() },
        idleAfter: Duration? = nil,
        canIdle: @escaping @Sendable () -> Bool = { true },
        resume: [String: Resume] = [:]
    ) {
        self.idleAfter = idleAfter
        self.canIdle = canIdle
        self.resume = resume
        self.reloaded = reloaded
        self.configuration = configuration
        self.checker = checker
        self.notifier = notifier
        self.logger = logger
        self.reload = reload
        self.now = now
    }

    public func run() async throws {
        // Trap SIGHUP before READY=1: a reload that comes early must not end the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for entry in configuration.enabledSites { try await start(entry) }
        logger.info(
            "Monitor running",
            metadata: [
                "sites": "\(states.count)", "config": "\(configuration.source)", "version": "\(MonitorVersion.current)",
            ]
        )
        notifier.ready(status: "watching \(Self.sites(states.count)); no check yet")
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.supervise() }
            group.addTask {
                for await _ in hangups {
                    if Task.isCancelled { break }
                    await self.reloadConfiguration()
                }
            }
            // Wait for SIGTERM / SIGINT (the service group's graceful shutdown) or a quiet spell
            // long enough to go idle, then stop.
            let (handOffs, signal) = AsyncStream<Void>.makeStream()
            self.handOffSignal = signal
            await withTaskGroup(of: Void.self) { waits in
                waits.addTask { try? await gracefulShutdown() }
                waits.addTask { for await _ in handOffs { return } }
                await waits.next()
                waits.cancelAll()
            }
            await self.stop()
            group.cancelAll()
        }
        if handOff == nil { logger.info("Monitor stopped", metadata: ["checks": "\(checksDone)"]) }
    }

    // MARK: - Sites

    private func start(_ entry: Configuration.SiteEntry) async throws {
        try await checker.store.addSite(entry.site)
        var state = SiteState(entry: entry, due: try await firstDue(for: entry))
        if let resumed = resume.removeValue(forKey: entry.id) {
            // Back from idle: the same place in the schedule (a backoff retry or a check that is due now
            // included), the failure count, but never later than one interval from now (a shortened
            // interval, a stale file).
            // After a long outage the usual spread of overdue sites applies instead.
            if resumed.due > now() - 600 { state.due = min(resumed.due, now() + Self.seconds(entry.interval)) }
            state.failures = resumed.failures
            state.isReported = resumed.isReported
        }
        state.task = Task { await self.loop(entry.id) }
        states[entry.id] = state
    }

    /// The first check: one interval after the last stored check; an overdue or new site is due
    /// within a short spread (jitter of the interval, at most 10 minutes), not all at once.
    private func firstDue(for entry: Configuration.SiteEntry) async throws -> Date {
        let current = now()
        let interval = Self.seconds(entry.interval)
        if let last = try await checker.store.latestSnapshot(of: entry.site.id) {
            let due = last.fetchedAt + interval
            if due > current { return max(due, last.retryAt ?? due) }
        }
        // Overdue and new sites are spread so they do not all go at once: over the jitter share of the
        // interval (at least a tenth, at most 10 minutes), scaled down for few sites, so one new site is
        // checked within seconds and a thousand over minutes.
        let share = min(1, Double(configuration.enabledSites.count) / 100)
        let spread = min(interval * max(configuration.jitter, 0.1), 600) * share
        return current + Double.random(in: 0...max(spread, 0))
    }

    private func loop(_ id: String) async {
        while !Task.isCancelled {
            guard let due = states[id]?.due else { return }
            let delay = due.timeIntervalSince(now())
            if delay > 0 {
                do {
                    try await Task.sleep(for: .milliseconds(Int64(delay * 1_000)))
                } catch {
                    return  // cancelled: removed, or shutting down
                }
            }
            await acquireSlot(due: due, id: id)
            if isStopping || Task.isCancelled || states[id] == nil {
                releaseSlot()
                return
            }
            guard let entry = states[id]?.entry else {
                releaseSlot()
                return
            }
            states[id]?.checkStarted = now()
            lastProgress = now()
            // The check runs in its own task: cancelling this loop (shutdown) lets it finish.
            let checker = self.checker
            let logger = self.logger
            let startedAt = now()
            let outcome = await Task { () -> Result<Checker.Report, any Error> in
                do {
                    return .success(try await checker.check(entry.site, now: startedAt, logger: logger))
                } catch {
                    return .failure(error)
                }
            }.value
            states[id]?.checkStarted = nil
            lastProgress = now()
            releaseSlot()
            finish(id, outcome)
        }
    }

    private func finish(_ id: String, _ outcome: Result<Checker.Report, any Error>) {
        guard var state = states[id] else { return }
        checksDone += 1
        let current = now()
        let interval = Self.seconds(state.entry.interval)
        let jitter = interval * configuration.jitter
        var next = current + interval + Double.random(in: -jitter...max(jitter, 0))
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

    private static func counts(_ changes: ChangeSet) -> String {
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

    // MARK: - Slots: at most `concurrency` checks at once, most overdue first

    private func acquireSlot(due: Date, id: String) async {
        if running < configuration.concurrency && waiting.isEmpty {
            running += 1
            return
        }
        await withCheckedContinuation { continuation in
            waiting.append((due, id, continuation))
            waiting.sort { $0.due < $1.due }
        }
    }

    private func releaseSlot() {
        if !waiting.isEmpty, running <= configuration.concurrency {
            waiting.removeFirst().continuation.resume()  // the slot passes on
        } else {
            running -= 1
        }
    }

    // MARK: - Supervision, reload, stop

    /// Ticks while the service runs: sends `WATCHDOG=1` when the scheduler is healthy.
    private func supervise() async {
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
            do { try await Task.sleep(for: tick) } catch { return }
        }
    }

    /// A due time moved, within the site's jitter, to the nearest wake slot.
    ///
    /// Slots are multiples of twice `--idle-after` since 1970, so that checks come in bursts with idle
    /// spells between them instead of drifting apart until the daemon never sleeps. Unchanged when
    /// idling is off or the jitter window holds no slot (short intervals).
    private func aligned(_ due: Date, interval: Double) -> Date {
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
    private func quietUntil(atLeast duration: Duration) async -> Date? {
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
    private func isHealthy() -> Bool {
        guard states.values.contains(where: { $0.checkStarted != nil }) else { return true }
        return now().timeIntervalSince(lastProgress) <= Self.seconds(configuration.timeout) + 60
    }

    private func reloadConfiguration() async {
        notifier.reloading()
        do {
            let fresh = try reload()
            let previous = configuration
            let old = Dictionary(uniqueKeysWithValues: configuration.enabledSites.map { ($0.id, $0) })
            let new = Dictionary(uniqueKeysWithValues: fresh.enabledSites.map { ($0.id, $0) })
            configuration = fresh
            checker.endpoints = fresh.webhooks
            await reloaded(fresh)
            for (id, _) in old where new[id] == nil {
                states[id]?.task?.cancel()
                states[id] = nil
            }
            for entry in fresh.enabledSites {
                if states[entry.id] == nil {
                    try await start(entry)
                } else if let current = states[entry.id], current.entry != entry {
                    if current.entry.url != entry.url { try await checker.store.addSite(entry.site) }
                    states[entry.id]?.entry = entry
                    if entry.interval < current.entry.interval {
                        // A shorter interval takes effect now, not after the old one runs out.
                        states[entry.id]?.due = min(current.due, now() + Self.seconds(entry.interval))
                        states[entry.id]?.task?.cancel()
                        states[entry.id]?.task = Task { await self.loop(entry.id) }
                    }
                }
            }
            let restartOnly = [
                ("contact", previous.contact != fresh.contact),
                ("timeout", previous.timeout != fresh.timeout),
                ("max_body_bytes", previous.maxBodyBytes != fresh.maxBodyBytes),
                ("suspect_loss", previous.suspectLoss != fresh.suspectLoss),
                ("state_dir", previous.stateDirectory != fresh.stateDirectory),
            ].filter(\.1).map(\.0)
            if !restartOnly.isEmpty {
                logger.warning(
                    "Configuration reloaded, but these take effect only after a restart",
                    metadata: ["keys": "\(restartOnly.joined(separator: ", "))"]
                )
            }
            logger.info("Configuration reloaded", metadata: ["sites": "\(states.count)", "config": "\(fresh.source)"])
        } catch {
            logger.error("Configuration not reloaded; keeping the previous one", metadata: ["error": "\(error)"])
        }
        notifier.ready(status: lastSummary)
    }

    private func stop() async {
        isStopping = true
        // Going idle is no stop for systemd: the same process goes on as monitor-idle.
        if handOff == nil {
            notifier.stopping()
            logger.info("Stopping: checks in hand finish, no new ones start")
        }
        let tasks = states.values.compactMap(\.task)
        for task in tasks { task.cancel() }
        for waiter in waiting { waiter.continuation.resume() }
        waiting.removeAll()
        for task in tasks { await task.value }
    }

    private static func sites(_ count: Int) -> String { count == 1 ? "1 site" : "\(count) sites" }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
