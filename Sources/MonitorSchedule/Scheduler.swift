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
    var configuration: Configuration
    var checker: Checker
    let notifier: SystemdNotifier
    let logger: Logger
    let reload: @Sendable () throws -> Configuration
    let reloaded: @Sendable (Configuration) async -> Void
    let clock: any SchedulerClock
    /// A random number in a range: the jitter of due times (tests fix it).
    let random: @Sendable (ClosedRange<Double>) -> Double
    /// Reload requests when not SIGHUP (tests).
    let reloads: AsyncStream<Void>?

    struct SiteState {
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
    public internal(set) var handOff: HandOff?
    let idleAfter: Duration?
    let canIdle: @Sendable () -> Bool
    var resume: [String: Resume]
    var handOffSignal: AsyncStream<Void>.Continuation?

    var states: [String: SiteState] = [:]
    var waiting: [(due: Date, id: String, continuation: CheckedContinuation<Void, Never>)] = []
    var running = 0
    var isStopping = false
    var lastSummary = "starting"
    var checksDone = 0
    /// When a check last started or finished.
    var lastProgress = Date()

    /// Creates the scheduler.
    ///
    /// - Parameters:
    ///   - configuration: The configuration loaded at start.
    ///   - checker: The pipeline (store, fetcher).
    ///   - notifier: systemd's notify socket (does nothing outside systemd).
    ///   - logger: Where one line per check and event goes.
    ///   - reload: Reads the configuration again (on SIGHUP).
    ///   - reloaded: Told about a configuration that was reloaded (the webhook worker's endpoints).
    ///   - clock: The time of timestamps and due times, and the waits until them.
    ///   - random: A random number in a range, for jitter.
    ///   - reloads: Reload requests in place of SIGHUP (tests); nil traps SIGHUP.
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
        clock: any SchedulerClock = SystemClock(),
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) },
        reloads: AsyncStream<Void>? = nil,
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
        self.clock = clock
        self.random = random
        self.reloads = reloads
    }

    /// The clock's time.
    func now() -> Date { clock.now() }

    public func run() async throws {
        // Trap SIGHUP before READY=1: a reload that comes early must not end the process.
        let hangups = reloads == nil ? await UnixSignalsSequence(trapping: .sighup) : nil
        let reloads = self.reloads
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
                if let reloads {
                    for await _ in reloads {
                        if Task.isCancelled { break }
                        await self.reloadConfiguration()
                    }
                } else if let hangups {
                    for await _ in hangups {
                        if Task.isCancelled { break }
                        await self.reloadConfiguration()
                    }
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

    func start(_ entry: Configuration.SiteEntry) async throws {
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
    func firstDue(for entry: Configuration.SiteEntry) async throws -> Date {
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
        return current + random(0...max(spread, 0))
    }

    func loop(_ id: String) async {
        while !Task.isCancelled {
            guard let due = states[id]?.due else { return }
            do {
                try await clock.sleep(until: due)
            } catch {
                return  // cancelled: removed, or shutting down
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

    static func sites(_ count: Int) -> String { count == 1 ? "1 site" : "\(count) sites" }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
