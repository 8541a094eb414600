import Foundation
import Logging
import MonitorCore
import MonitorSchedule
import MonitorStore
import ServiceLifecycle

/// Sends the e-mail digest from `monitor run`: once per period, only when something changed, and a
/// failed send is tried again at the next wake (never dropped without an error in the log).
///
/// The period's start is kept in `digest.json` in the state directory, so a restart, an idle spell
/// in `monitor-idle` or a failed send neither repeats nor skips a window.
public struct DigestService: Service {
    /// Where the digest goes and how often.
    public var settings: DigestSettingsValue
    let store: SnapshotStore
    let logger: Logger
    let render: @Sendable (ChangeReport) -> (text: String, html: String)
    let now: @Sendable () -> Date
    /// How often a running daemon looks whether a digest is due.
    let wakeInterval: Duration

    /// The `[digest]` settings this service needs (MonitorConfig's `DigestSettings`, copied by `monitor run`).
    public struct DigestSettingsValue: Sendable {
        /// The recipients.
        public var to: [String]
        /// The sender, if set.
        public var from: String?
        /// How long a period is.
        public var every: Duration
        /// The sendmail program.
        public var sendmail: String

        /// Creates settings.
        public init(to: [String], from: String?, every: Duration, sendmail: String) {
            self.to = to
            self.from = from
            self.every = every
            self.sendmail = sendmail
        }
    }

    /// What one look at the clock did.
    public enum Outcome: Equatable, Sendable {
        /// The period is not over.
        case notDue
        /// The period ended with no change: nothing was sent, the next period starts.
        case nothingChanged
        /// The digest was handed to sendmail.
        case sent
        /// sendmail failed; the same window is tried again next time.
        case failed(String)
    }

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - settings: Recipients, period and sendmail.
    ///   - store: The daemon's store.
    ///   - logger: Where sends and failures are logged.
    ///   - render: Turns the period's changes into the text and HTML parts.
    ///   - now: The clock.
    ///   - wakeInterval: How often to look while running.
    public init(
        settings: DigestSettingsValue,
        store: SnapshotStore,
        logger: Logger,
        render: @escaping @Sendable (ChangeReport) -> (text: String, html: String),
        now: @escaping @Sendable () -> Date = { Date() },
        wakeInterval: Duration = .seconds(900)
    ) {
        self.settings = settings
        self.store = store
        self.logger = logger
        self.render = render
        self.now = now
        self.wakeInterval = wakeInterval
    }

    /// Looks at start and then every `wakeInterval` until graceful shutdown.
    ///
    /// - Throws: Nothing but cancellation; a failed send is logged and retried.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            _ = await sendIfDue()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: wakeInterval) }
            } catch {
                return  // graceful shutdown or cancellation: a normal end
            }
        }
    }

    private var statePath: URL { store.directory.appendingPathComponent("digest.json") }

    private struct State: Codable {
        var periodStart: Date
    }

    /// Sends the digest of the period that ended, if one ended.
    ///
    /// - Returns: What happened.
    @discardableResult
    public func sendIfDue() async -> Outcome {
        let now = now()
        let every = TimeInterval(settings.every.components.seconds)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let data = FileManager.default.contents(atPath: statePath.path),
            let state = try? decoder.decode(State.self, from: data)
        else {
            // The first wake starts the first period; a damaged file is started afresh the same way.
            save(State(periodStart: now))
            return .notDue
        }
        guard now.timeIntervalSince(state.periodStart) >= every else { return .notDue }
        do {
            let report = try await ChangeReport.load(
                from: store,
                sites: try await store.sites(),
                since: state.periodStart,
                until: now
            )
            if report.isEmpty {
                logger.info(
                    "Digest not sent; nothing changed",
                    metadata: ["digest.since": "\(state.periodStart.iso8601)"]
                )
                save(State(periodStart: now))
                return .nothingChanged
            }
            let parts = render(report)
            let count = report.sites.reduce(0) { $0 + $1.changes.count }
            let changedSites = report.sites.filter { !$0.changes.isEmpty || !$0.held.isEmpty }.count
            let message = DigestMessage(
                to: settings.to,
                from: settings.from,
                subject: "homepage-monitor: \(count) change\(count == 1 ? "" : "s") on \(changedSites) "
                    + "site\(changedSites == 1 ? "" : "s") since \(state.periodStart.iso8601.prefix(10))",
                text: parts.text,
                html: parts.html,
                date: now
            )
            try Sendmail(program: settings.sendmail).send(message.rendered())
            save(State(periodStart: now))
            logger.notice(
                "Digest sent",
                metadata: ["digest.to": "\(settings.to.joined(separator: ", "))", "digest.changes": "\(count)"]
            )
            return .sent
        } catch {
            logger.error(
                "Digest not sent; trying again at the next wake",
                error: error,
                metadata: ["digest.since": "\(state.periodStart.iso8601)"]
            )
            return .failed("\(error)")
        }
    }

    private func save(_ state: State) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        do {
            try encoder.encode(state).write(to: statePath, options: .atomic)
        } catch {
            logger.error("Digest state not saved", error: error, metadata: ["path": "\(statePath.path)"])
        }
    }
}

/// The HTML part of the digest, and of `monitor digest --format html`.
public enum DigestHTML {
    /// A whole HTML document of the report's changes, links pointing at the sites themselves.
    ///
    /// - Parameter report: The changes.
    /// - Returns: HTML with inline style only.
    public static func render(_ report: ChangeReport) -> String {
        let body =
            "<h1>What changed on the watched homepages</h1>\n"
            + PageRendering.changeSections(report, linkingHere: false)
        return PageRendering.document(title: "homepage-monitor digest", body: body, navigation: false)
    }
}
