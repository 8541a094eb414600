import ArgumentParser
import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorSchedule
import MonitorServe
import MonitorStore

/// `monitor serve`: Atom feeds, web pages, a JSON API and Prometheus metrics over the store, read-only.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve feeds, pages, the JSON API and metrics from the store (read-only).",
        discussion: """
            Opens the store read-only, so it runs beside 'monitor run' and keeps answering while the \
            daemon is idle or stopped. Listens on 127.0.0.1:8470 unless --listen or [serve] listen \
            says otherwise; an address other machines can reach needs [serve] token_file, and then \
            every request must send 'Authorization: Bearer TOKEN'. Routes: / (sites), /sites/ID, \
            /changes?since=last-week, /feed.atom, /sites/ID/feed.atom, /feeds.opml, /metrics, /api/v1/ \
            (described at /api/v1/openapi.json).
            """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(
        help: ArgumentHelp(
            "Where to listen, HOST:PORT (default: [serve] listen, else 127.0.0.1:8470).",
            valueName: "address"
        ),
        transform: Serve.address
    )
    var listen: ListenAddress?

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info, notice, warning or error.",
        transform: Run.level
    )
    var logLevel: Logger.Level = .info

    static func address(_ text: String) throws -> ListenAddress {
        guard let address = ListenAddress(text) else {
            throw ValidationError(ServeError(.badAddress(text)).description)
        }
        return address
    }

    func run() async throws {
        MonitorLogHandler.bootstrap(level: logLevel)
        let logger = Logger(label: "monitor.serve")
        let environment = ProcessInfo.processInfo.environment
        let configuration = try Configuration.load(option: configOptions.config, environment: environment)
        let address: ListenAddress
        if let listen {
            address = listen
        } else if let configured = configuration.serve.listen {
            guard let parsed = ListenAddress(configured) else { throw ServeError(.badAddress(configured)) }
            address = parsed
        } else {
            address = .default
        }
        let token = try configuration.serve.tokenFile.map(WebServer.token(at:))
        let directory = StateDirectory.resolve(
            option: store.stateDir,
            environment: environment,
            configured: configuration.stateDirectory
        )
        let snapshots = try StoreOptions.openExisting(at: directory)
        let server = try WebServer(store: snapshots, address: address, token: token, logger: logger)
        try await server.run { port in
            logger.info(
                "Serving",
                metadata: [
                    "http.address": "\(ListenAddress(host: address.host, port: port))", "store": "\(directory.path)",
                ]
            )
        }
    }
}

/// `monitor feed`: the Atom feed `monitor serve` answers at /feed.atom, as a file.
struct Feed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "Write the Atom feed of changes (every site, or one) to standard output or a file.",
        discussion: """
            The same feed 'monitor serve' answers at /feed.atom and /sites/ID/feed.atom, for cron \
            users who publish it with a web server they already run. The file is replaced atomically.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only this site.", valueName: "id"))
    var site: String?

    @Option(help: ArgumentHelp("Write the feed here instead of standard output.", valueName: "file"))
    var out: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("At most this many entries.", valueName: "count"))
    var limit: Int = AtomFeed.defaultLimit

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp(
            "Where the feed will be published, for its self link (e.g. https://example.edu/monitor).",
            valueName: "url"
        )
    )
    var baseURL: String?

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1; got \(limit)") }
    }

    func run() async throws {
        let snapshots = try store.openExisting()
        var chosen: Site?
        if let site {
            guard let known = try await snapshots.site(Site.ID(rawValue: site)) else {
                throw StoreError.unknownSite(site)
            }
            chosen = known
        }
        let base = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let feed = try await AtomFeed.load(from: snapshots, site: chosen, limit: limit, baseURL: base)
        let xml = feed.xml()
        guard let out else {
            print(xml, terminator: "")
            return
        }
        do {
            try Data(xml.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw CommandError(
                "cannot write \(out) (\(error.localizedDescription)); check the folder exists and is writable"
            )
        }
    }
}
