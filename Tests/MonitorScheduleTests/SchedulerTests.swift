import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorFetch
import MonitorSchedule
import MonitorStore
import MonitorTestSupport
import Testing

/// `monitor run`'s scheduler in-process, on a virtual clock.
///
/// A scripted fetcher, a real store in a temporary directory, and a virtual clock that starts in 2031, years after any run of this suite, so that
/// nothing here depends on today's date. No socket, no real sleep: a day of checks takes
/// milliseconds, and every check happens exactly when the scheduler planned it.
@Suite(.serialized) struct SchedulerTests {
    /// 2031-06-02T00:00:00Z, a multiple of 600 s (the wake slots of `idleAfter: 5 min`).
    static let start = Date(timeIntervalSince1970: 1_938_124_800)
    let store: SnapshotStore
    let clock = VirtualClock(Self.start)
    let log = LogRecorder()

    init() throws {
        store = try SnapshotStore(directory: try Fixture.temporaryDirectory("scheduler"))
    }

    static func url(_ id: String) -> String { "https://\(id).example.edu/" }

    /// Sites checked every `interval`, with no jitter unless asked.
    static func configuration(_ sites: [(id: String, interval: Duration)], jitter: Double = 0) -> Configuration {
        var configuration = Configuration(source: "test")
        configuration.jitter = jitter
        configuration.sites = sites.map {
            Configuration.SiteEntry(id: $0.id, url: url($0.id), interval: $0.interval, enabled: true)
        }
        return configuration
    }

    static func failure(_ url: String, status: Int = 500, retryAfter: Duration? = nil) -> FetchError {
        FetchError(.httpStatus(status), url: url, retryAfter: retryAfter)
    }

    /// Runs a scheduler until `body` returns, then cancels it (a shutdown) and waits for it.
    ///
    /// Jitter and the spread of new sites take the low end of their range, so due times are exact.
    private func withScheduler(
        _ configuration: Configuration,
        fetcher: ScriptedFetcher,
        idleAfter: Duration? = nil,
        reloads: AsyncStream<Void> = AsyncStream { _ in },
        reload: @escaping @Sendable () throws -> Configuration = { throw CancellationError() },
        _ body: () async throws -> Void
    ) async throws {
        let checker = Checker(store: store, fetcher: fetcher, suspectLoss: configuration.suspectLoss)
        let scheduler = Scheduler(
            configuration: configuration,
            checker: checker,
            notifier: SystemdNotifier(environment: [:]),
            logger: log.logger,
            reload: reload,
            clock: clock,
            random: { $0.lowerBound },
            reloads: reloads,
            idleAfter: idleAfter,
            canIdle: { false }
        )
        let running = Task { try await scheduler.run() }
        do {
            try await body()
        } catch {
            running.cancel()
            _ = await running.result
            throw error
        }
        running.cancel()
        _ = await running.result
    }

    /// Steps the clock from one due time to the next until `done`, each time once `sleepers`
    /// site loops wait on it (at most `limit` steps).
    private func run(sleepers: Int, limit: Int = 200, until done: () async throws -> Bool) async throws {
        var steps = 0
        while true {
            // Every loop waits again: what the last step woke has finished.
            try #require(
                await clock.waitForSleepers(sleepers),
                "the scheduler's \(sleepers) site loop(s) did not all wait on the clock"
            )
            if try await done() { return }
            steps += 1
            try #require(steps <= limit, "not done after \(limit) due times")
            try #require(await clock.advanceToNextDeadline(sleepers: sleepers) != nil)
        }
    }

    private func offsets(_ times: [Date]) -> [Double] { times.map { $0.timeIntervalSince(Self.start) } }

    @Test func failuresBackOffExponentiallyUpToTheIntervalAndAreReportedOnce() async throws {
        let ada = Self.url("ada")
        let bo = Self.url("bo")
        let fetcher = ScriptedFetcher(clock: clock) { url, call in
            // ada fails four times, then answers; bo never does.
            if url == ada, call >= 4 { return ScriptedFetcher.page(papers: 3) }
            throw Self.failure(url)
        }
        let configuration = Self.configuration([("ada", .seconds(3_600)), ("bo", .seconds(600))])
        try await withScheduler(configuration, fetcher: fetcher) {
            try await run(sleepers: 2) { fetcher.times(of: ada).count >= 7 }
        }
        // 1, 2, 4, 8 minutes after each failure; then the interval after the success.
        #expect(offsets(fetcher.times(of: ada)) == [0, 60, 180, 420, 900, 4_500, 8_100])
        // The backoff never waits longer than the interval (10 minutes).
        #expect(offsets(fetcher.times(of: bo)).prefix(8) == [0, 60, 180, 420, 900, 1_500, 2_100, 2_700])
        // Reported after the third failure in a row, once per site; ada's recovery once.
        #expect(log.count("Site failing") == 2)
        #expect(log.count("Site recovered") == 1)
        let snapshots = try await store.snapshots(of: "ada")
        #expect(snapshots.map(\.outcome).prefix(5) == [.failed, .failed, .failed, .failed, .changed])
    }

    @Test func retryAfterIsHonouredAndCappedAtADay() async throws {
        let ada = Self.url("ada")
        let bo = Self.url("bo")
        let fetcher = ScriptedFetcher(clock: clock) { url, call in
            guard call == 0 else { return ScriptedFetcher.page(papers: 3) }
            // ada asks for two hours, bo for ten days.
            let wait: Duration = url == ada ? .seconds(7_200) : .seconds(10 * 86_400)
            throw Self.failure(url, status: 503, retryAfter: wait)
        }
        let configuration = Self.configuration([("ada", .seconds(3_600)), ("bo", .seconds(3_600))])
        try await withScheduler(configuration, fetcher: fetcher) {
            try await run(sleepers: 2) { fetcher.times(of: bo).count >= 2 }
        }
        // Not the one-minute backoff: the server's wait, longer than the interval.
        #expect(offsets(fetcher.times(of: ada)).prefix(3) == [0, 7_200, 10_800])
        // Ten days asked, one day honoured.
        #expect(offsets(fetcher.times(of: bo)) == [0, 86_400])
        let first = try #require(try await store.snapshots(of: "bo").first)
        #expect(first.retryAt == Self.start + 86_400)
    }

    @Test func aLossIsHeldUntilTheNextCheckConfirmsItAndAGlitchIsNeverReported() async throws {
        let ada = Self.url("ada")
        let fetcher = ScriptedFetcher(clock: clock) { url, call in
            // Six papers, then one (five lost: suspect), then: ada keeps one (a real loss), bo
            // shows the six again (the one-paper page was a glitch).
            switch call {
            case 0: return ScriptedFetcher.page(papers: 6)
            case 1: return ScriptedFetcher.page(papers: 1)
            default: return ScriptedFetcher.page(papers: url == ada ? 1 : 6)
            }
        }
        let configuration = Self.configuration([("ada", .seconds(3_600)), ("bo", .seconds(3_600))])
        try await withScheduler(configuration, fetcher: fetcher) {
            try await run(sleepers: 2) { fetcher.count >= 4 }
            // After the second checks: both losses are stored but held; no feed or webhook sees them.
            try #require(await clock.waitForSleepers(2))
            for site: Site.ID in ["ada", "bo"] {
                let held = try await store.changeSets(of: site)
                #expect(held.count == 1 && held[0].isHeld, "\(site)")
                #expect(held.first?.changes.publications.removed.count == 5)
            }
            #expect(try await store.recentChangeSets(entries: 100).isEmpty)
            try await run(sleepers: 2) { fetcher.count >= 6 }
            try #require(await clock.waitForSleepers(2))
        }
        #expect(log.count("Change held as suspect until the next check") == 2)
        // ada's third check saw the same page: the loss is confirmed and reported once.
        let confirmed = try await store.recentChangeSets(of: "ada", entries: 100)
        #expect(confirmed.count == 1 && confirmed.first?.changes.publications.removed.count == 5)
        // bo's third check saw the six papers again: nothing was ever reported.
        #expect(try await store.recentChangeSets(of: "bo", entries: 100).isEmpty)
        #expect(try await store.changeSets(of: "bo").allSatisfy(\.isHeld))
    }

    @Test func successfulChecksMoveToWakeSlotsAndFailuresDoNot() async throws {
        let ada = Self.url("ada")
        let fetcher = ScriptedFetcher(clock: clock) { url, call in
            if call == 2 { throw Self.failure(url) }
            return ScriptedFetcher.page(papers: 3)
        }
        // An hour with 10 % jitter (here: 6 minutes early) and wake slots every 10 minutes.
        let configuration = Self.configuration([("ada", .seconds(3_600))], jitter: 0.1)
        try await withScheduler(configuration, fetcher: fetcher, idleAfter: .seconds(300)) {
            try await run(sleepers: 1) { fetcher.times(of: ada).count >= 4 }
        }
        // 54 minutes would be due at :54; the nearest slot within the jitter is :50. The failed
        // third check retries one minute later, not at a slot.
        #expect(offsets(fetcher.times(of: ada)) == [0, 3_000, 6_000, 6_060])
    }

    @Test func aReloadAddsRemovesAndReschedulesSitesAndABadOneKeepsTheOld() async throws {
        let ada = Self.url("ada")
        let bo = Self.url("bo")
        let fetcher = ScriptedFetcher(clock: clock) { _, _ in ScriptedFetcher.page(papers: 3) }
        let versions = Versions([
            .success(Self.configuration([("ada", .seconds(3_600)), ("bo", .seconds(3_600))])),
            .failure(ConfigError(file: "monitor.toml", line: 3, message: "interval must be a duration")),
            .success(Self.configuration([("ada", .seconds(3_600))])),
        ])
        let (reloads, hangup) = AsyncStream<Void>.makeStream()
        let configuration = Self.configuration([("ada", .seconds(6 * 3_600))])
        try await withScheduler(configuration, fetcher: fetcher, reloads: reloads, reload: versions.next) {
            try #require(await clock.waitForSleepers(1))
            // A shorter interval and a new site: ada is due an hour after its check, bo at once.
            hangup.yield()
            try await waitFor { log.count("Configuration reloaded") == 1 }
            try #require(await clock.waitForSleepers(2))
            #expect(offsets(fetcher.times(of: bo)) == [0])
            try await run(sleepers: 2) { fetcher.times(of: ada).count >= 2 }
            // A configuration that does not load changes nothing.
            hangup.yield()
            try await waitFor { log.count("Configuration not reloaded; keeping the previous one") == 1 }
            try await run(sleepers: 2) { fetcher.times(of: ada).count >= 3 }
            // bo removed: its loop stops; ada goes on.
            hangup.yield()
            try await waitFor { log.count("Configuration reloaded") == 2 }
            try await run(sleepers: 1) { fetcher.times(of: ada).count >= 5 }
        }
        #expect(offsets(fetcher.times(of: ada)) == [0, 3_600, 7_200, 10_800, 14_400])
        #expect(offsets(fetcher.times(of: bo)) == [0, 3_600, 7_200])
    }

    @Test func afterDowntimeEachSiteIsCheckedOnceNotOncePerMissedInterval() async throws {
        // A check stored three days before the clock's now: overdue by 71 hours.
        try await store.addSite(Site(id: "ada", url: Self.url("ada")))
        try await store.record(
            Observation(
                siteID: "ada",
                fetchedAt: Self.start - 3 * 86_400,
                outcome: .changed,
                body: ScriptedFetcher.page(papers: 2).body,
                entries: PageEntries()
            )
        )
        let ada = Self.url("ada")
        let fetcher = ScriptedFetcher(clock: clock) { _, _ in ScriptedFetcher.page(papers: 2) }
        try await withScheduler(Self.configuration([("ada", .seconds(3_600))]), fetcher: fetcher) {
            try await run(sleepers: 1) { fetcher.times(of: ada).count >= 2 }
        }
        #expect(offsets(fetcher.times(of: ada)) == [0, 3_600])
    }

    /// Polls (real time, up to 10 s) until `condition` holds.
    private func waitFor(_ condition: () -> Bool) async throws {
        let limit = Date() + 10
        while !condition() {
            try #require(Date() < limit, "timed out")
            try await Task.sleep(for: .milliseconds(1))
        }
    }
}

/// What successive reloads read.
final class Versions: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Configuration, any Error>]

    init(_ results: [Result<Configuration, any Error>]) { self.results = results }

    @Sendable func next() throws -> Configuration {
        try lock.withLock { results.removeFirst() }.get()
    }
}
