import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorFetch
import MonitorNotify
import MonitorStore

/// Everything a check needs, built from one ``Configuration``: the one place where `monitor check`,
/// `monitor import` and `monitor run` get their store, fetch limits, selectors, webhooks, concurrency
/// and suspect policy, so that a cron job and the daemon behave alike.
///
/// Building a pipeline takes the state directory's lock (see ``StateLock``): one writer at a time.
public struct Pipeline: Sendable {
    /// The configuration in force (the one-off flags of `check` already applied by the caller).
    public let configuration: Configuration
    /// The state directory.
    public let stateDirectory: URL
    /// The store in it.
    public let store: SnapshotStore
    /// The checker: fetch → extract → diff → store, notifications queued in the same transaction.
    public let checker: Checker
    private let lock: StateLock

    /// The fetch limits and identity of a configuration.
    ///
    /// - Parameter configuration: The configuration.
    /// - Returns: Its `contact`, `timeout` and `max_body_bytes` as fetcher settings.
    public static func fetchSettings(_ configuration: Configuration) -> PageFetcher.Settings {
        var settings = PageFetcher.Settings()
        settings.contact = configuration.contact
        settings.totalTimeout = configuration.timeout
        settings.connectTimeout = min(configuration.timeout, .seconds(10))
        settings.maxBodyBytes = configuration.maxBodyBytes
        return settings
    }

    /// Opens the pipeline of a configuration.
    ///
    /// - Parameters:
    ///   - configuration: The configuration.
    ///   - stateDirectory: The state directory (resolved by the caller from flags, environment and the file).
    ///   - command: The command that holds the lock meanwhile, for another one's error message.
    ///   - notify: Queue webhook notifications for the changes found (false: `check --no-notify`, `import`).
    ///   - offline: Never fetch (`monitor import` stores pages it is given): no connection pool is made.
    ///   - fetcher: The fetcher; by default a ``PageFetcher`` with the configuration's limits.
    /// - Throws: ``StoreError/locked(path:pid:holder:)`` when another monitor writes the state directory;
    ///   ``StoreError`` when the store cannot be opened.
    public init(
        configuration: Configuration,
        stateDirectory: URL,
        command: String,
        notify: Bool = true,
        offline: Bool = false,
        fetcher: (any PageFetching)? = nil
    ) throws {
        lock = try StateLock.acquire(directory: stateDirectory, command: command)
        self.configuration = configuration
        self.stateDirectory = stateDirectory
        store = try SnapshotStore(directory: stateDirectory)
        checker = Checker(
            store: store,
            fetcher: fetcher ?? (offline ? Offline() : PageFetcher(settings: Self.fetchSettings(configuration))),
            suspectLoss: configuration.suspectLoss,
            endpoints: notify ? configuration.webhooks : []
        )
    }

    /// Keeps the state directory's lock through an `exec` (an idle spell of `monitor run`).
    public func keepLockAcrossExec() {
        lock.keepAcrossExec()
    }

    /// A delivery worker for the configuration's webhooks.
    ///
    /// - Parameters:
    ///   - sender: Sends the requests.
    ///   - logger: One line per attempt.
    ///   - now: The clock.
    /// - Returns: The worker.
    public func deliveryWorker(
        sender: any WebhookSending = WebhookSender.shared,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> DeliveryWorker {
        DeliveryWorker(store: store, endpoints: configuration.webhooks, sender: sender, logger: logger, now: now)
    }

    /// A site as configured, for `id`: the configuration's entry (its selectors included), else the stored site
    /// read with no overrides.
    ///
    /// - Parameter id: The site id.
    /// - Returns: The site, or nil when neither the configuration nor the store knows it.
    /// - Throws: ``StoreError`` when the store cannot be read.
    public func site(_ id: Site.ID) async throws -> Site? {
        if let entry = configuration.sites.first(where: { $0.id == id.rawValue }) { return entry.site }
        return try await store.site(id)
    }

    /// The sites a pass checks: the configuration's enabled ones, each added to (or updated in) the store.
    ///
    /// - Parameter storedWhenUnconfigured: With no configuration file (the embedded default), check the
    ///   sites already in the store instead, if there are any (they were added with `check --site --url`).
    /// - Returns: The sites, and the stored ones that are not configured (skipped).
    /// - Throws: ``StoreError`` when the store cannot be read or written.
    public func sitesToCheck(storedWhenUnconfigured: Bool) async throws -> (sites: [Site], skipped: [Site.ID]) {
        let stored = try await store.sites()
        if storedWhenUnconfigured, configuration.isEmbeddedDefault, !stored.isEmpty { return (stored, []) }
        let sites = configuration.enabledSites.map(\.site)
        for site in sites { try await store.addSite(site) }
        let configured = Set(configuration.sites.map(\.id))
        return (sites, stored.map(\.id).filter { !configured.contains($0.rawValue) })
    }

    /// Checks sites now, at most the configuration's `concurrency` at once (the fetcher still sends one
    /// request per host at a time).
    ///
    /// - Parameters:
    ///   - sites: The sites.
    ///   - logger: Debug details.
    /// - Returns: Each site's report or the error that kept it from being stored, in the order given.
    public func check(_ sites: [Site], logger: Logger) async -> [(
        site: Site, result: Result<Checker.Report, any Error>
    )] {
        let checker = self.checker
        let slots = max(1, configuration.concurrency)
        return await withTaskGroup(of: (Int, Result<Checker.Report, any Error>).self) { group in
            var next = 0
            var results: [(Int, Result<Checker.Report, any Error>)] = []
            func add() {
                guard next < sites.count else { return }
                let index = next
                let site = sites[index]
                next += 1
                group.addTask {
                    do {
                        return (index, .success(try await checker.check(site, logger: logger)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<min(slots, sites.count) { add() }
            while let result = await group.next() {
                results.append(result)
                add()
            }
            return results.sorted { $0.0 < $1.0 }.map { (sites[$0.0], $0.1) }
        }
    }

    /// Delivers the webhook messages that are due, and those falling due before `deadline`, then returns.
    ///
    /// What is still pending afterwards waits in the outbox for the next `check` or `run`: nothing is dropped.
    ///
    /// - Parameters:
    ///   - worker: The delivery worker.
    ///   - deadline: When to stop waiting for retries.
    ///   - now: The clock.
    ///   - sleep: Waits (tests pass one that does not).
    /// - Returns: The attempts made, and when the next pending message is due (nil: none is pending).
    /// - Throws: ``StoreError`` when the outbox cannot be read.
    public func deliver(
        with worker: DeliveryWorker,
        until deadline: Date,
        now: @Sendable () -> Date = { Date() },
        sleep: @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(for: .seconds($0)) }
    ) async throws -> (attempts: Int, next: Date?) {
        let endpoints = configuration.webhooks.map(\.name)
        var attempts = 0
        while true {
            let made = await worker.deliverDue(at: now())
            attempts += made
            guard let next = try await store.nextDeliveryTime(endpoints: endpoints) else { return (attempts, nil) }
            if next >= deadline || now() >= deadline { return (attempts, next) }
            let wait = next.timeIntervalSince(now())
            // Due but not attempted (held back after an attempt that could not be recorded): stop here.
            if wait > 0 { await sleep(wait) } else if made == 0 { return (attempts, next) }
        }
    }

    /// Closes the fetcher's connections.
    public func shutdown() async {
        await checker.fetcher.shutdown()
    }
}

/// The fetcher of a pipeline that never fetches (`monitor import`).
private struct Offline: PageFetching {
    func fetch(_ url: String, validators: Validators?, logger: Logger) async throws -> FetchResult {
        throw FetchError(.transport, url: url, underlying: CancellationError())
    }

    func shutdown() async {}
}
