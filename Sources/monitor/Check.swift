import ArgumentParser
import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorFetch
import MonitorSchedule
import MonitorStore

/// `monitor check`: one pass over the sites now, as `monitor run` would check them (for cron).
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check sites now: fetch, extract, store a snapshot, report and notify what changed.",
        discussion: """
            Reads the same configuration as 'monitor run' (--config) and applies its limits, \
            selectors, concurrency and webhooks. With no --site: every enabled configured site \
            (stored sites no longer configured are listed once and skipped); with no configuration \
            file, the stored sites (or, in an empty store, the embedded default). With --site and \
            --url, adds (or updates) that site and checks it; with --site alone, that site. Changes \
            are queued for the configured webhooks as 'run' queues them, and the messages due are \
            delivered before exiting (for up to --deliver-for; the rest wait in the outbox for the next \
            check or run). One line per site on stdout. Exits 0 when every check stored a page or a \
            304; 1 when any check failed or the page was unreadable (each is also stored); 75 when \
            another monitor holds the state directory; 78 when the configuration is invalid.
            """
    )

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The site's id, a slug such as jdoe-mit.", valueName: "id"))
    var site: String?

    @Option(help: ArgumentHelp("The page's URL; adds the site (needs --site).", valueName: "url"))
    var url: String?

    @Option(
        help: ArgumentHelp(
            "A URL or e-mail for site owners, sent in the User-Agent (default: the config's contact).",
            valueName: "contact"
        )
    )
    var contact: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Seconds allowed for each fetch, body included (default: the config's timeout, 60).",
            valueName: "seconds"
        )
    )
    var timeout: Int?

    @Option(
        name: .customLong("max-body"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "The largest page accepted, in bytes after decompression (default: max_body_bytes, 10 MiB).",
            valueName: "bytes"
        )
    )
    var maxBody: Int?

    @Option(
        name: .customLong("suspect-loss"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Hold changes as suspect when a kind loses more than this fraction of its entries (default 0.5).",
            valueName: "0-1"
        )
    )
    var suspectLoss: Double?

    @Option(
        name: .customLong("deliver-for"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "How long to go on delivering webhook messages (retries included) before exiting, e.g. 1m, 0s.",
            valueName: "duration"
        ),
        transform: Check.duration
    )
    var deliverFor: Duration = .seconds(60)

    @Flag(
        name: .customLong("no-notify"),
        help: "Queue and send no webhook notifications for what this check finds."
    )
    var noNotify = false

    static func duration(_ text: String) throws -> Duration {
        if ["0", "0s", "0m", "0h", "0d", "0ms"].contains(text) { return .zero }
        guard let duration = DurationText.parse(text) else {
            throw ValidationError("'\(text)' is not a duration; use e.g. 1m, 30s or 0s (do not wait)")
        }
        return duration
    }

    func validate() throws {
        if let site {
            do {
                try SnapshotStore.validate(Site.ID(rawValue: site))
            } catch {
                throw ValidationError("\(error)")
            }
        }
        if url != nil && site == nil {
            throw ValidationError(
                "--url needs --site ID to name the site, e.g. --site jdoe --url https://example.edu/~jdoe/"
            )
        }
        if let url, let problem = Site.urlProblem(url) {
            throw ValidationError(
                "--url takes an http(s) URL such as https://example.edu/~jdoe/; '\(url)': \(problem)"
            )
        }
        if let timeout, timeout <= 0 {
            throw ValidationError("--timeout takes a positive number of seconds; got \(timeout)")
        }
        if let maxBody, maxBody <= 0 {
            throw ValidationError("--max-body takes a positive number of bytes; got \(maxBody)")
        }
        if let suspectLoss, !(0...1).contains(suspectLoss) {
            throw ValidationError("--suspect-loss takes a fraction between 0 and 1, such as 0.5; got \(suspectLoss)")
        }
    }

    /// The configuration with this command's flags applied.
    func configurationWithFlags() throws -> Configuration {
        var configuration = try configOptions.load()
        if let contact { configuration.contact = contact }
        if let timeout { configuration.timeout = .seconds(timeout) }
        if let maxBody { configuration.maxBodyBytes = maxBody }
        if let suspectLoss { configuration.suspectLoss = suspectLoss }
        return configuration
    }

    func run() async throws {
        let logger = Logger(label: "monitor.check")
        let configuration = try configurationWithFlags()
        let directory = store.directory(for: configuration)
        if url == nil, let site, !store.exists(in: directory),
            !configuration.sites.contains(where: { $0.id == site })
        {
            throw StoreError.unknownSite(site)
        }
        let pipeline = try Pipeline(
            configuration: configuration,
            stateDirectory: directory,
            command: "check",
            notify: !noNotify
        )
        let sites: [Site]
        do {
            sites = try await sitesToCheck(pipeline, configuration)
        } catch {
            // The HTTP client must be shut down before it goes away, on every path.
            await pipeline.shutdown()
            throw error
        }
        let reports = await pipeline.check(sites, logger: logger)
        await pipeline.shutdown()
        var failed = false
        for (site, result) in reports {
            switch result {
            case .success(let report):
                print(Self.line(site, report))
                if report.snapshot?.outcome == .failed || report.snapshot?.outcome == .unreadable {
                    failed = true
                    if let message = report.snapshot?.message {
                        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
                    }
                }
            case .failure(let error):
                failed = true
                print("\(site.id): not stored")
                FileHandle.standardError.write(Data("Error: \(site.id): \(error)\n".utf8))
            }
        }
        if !noNotify && !configuration.webhooks.isEmpty {
            try await deliver(pipeline)
        }
        if failed { throw ExitCode.failure }
    }

    /// The sites this pass checks: the one named (added with its URL), or every configured one.
    private func sitesToCheck(_ pipeline: Pipeline, _ configuration: Configuration) async throws -> [Site] {
        if let site, let url {
            var added = try await pipeline.site(Site.ID(rawValue: site)) ?? Site(id: Site.ID(rawValue: site), url: url)
            added.url = url
            try await pipeline.store.addSite(added)
            return [added]
        } else if let site {
            guard let known = try await pipeline.site(Site.ID(rawValue: site)) else {
                throw StoreError.unknownSite(site)
            }
            try await pipeline.store.addSite(known)
            return [known]
        } else {
            let pass = try await pipeline.sitesToCheck(storedWhenUnconfigured: true)
            if !pass.skipped.isEmpty {
                FileHandle.standardError.write(
                    Data(
                        ("skipped, stored but not in \(configuration.source): "
                            + pass.skipped.map(\.rawValue).joined(separator: ", ") + "\n").utf8
                    )
                )
            }
            guard !pass.sites.isEmpty else {
                throw CommandError(
                    "no enabled sites in \(configuration.source); add a [[sites]] table (see monitor.example.toml) "
                        + "or check one with 'monitor check --site ID --url URL'"
                )
            }
            return pass.sites
        }
    }

    /// Delivers the due webhook messages for up to `--deliver-for`, and says what waits.
    private func deliver(_ pipeline: Pipeline) async throws {
        let worker = pipeline.deliveryWorker(logger: Logger(label: "monitor.webhook"))
        let deadline = Date() + Double(deliverFor.components.seconds)
        let (attempts, next) = try await pipeline.deliver(with: worker, until: deadline)
        guard attempts > 0 || next != nil else { return }
        let waiting = try await pipeline.store.pendingDeliveryCount()
        var line = "webhooks: \(attempts) attempt\(attempts == 1 ? "" : "s")"
        if waiting > 0 {
            line += "; \(waiting) message\(waiting == 1 ? " waits" : "s wait") in the outbox"
            if let next { line += " (next attempt at \(next.iso8601), by the next check or run)" }
        }
        print(line)
    }

    /// One line per site: `jdoe: changed, 12 publications, 3 talks, 2 members; +1 publication, ~1 talk`.
    static func line(_ site: Site, _ report: Checker.Report) -> String {
        if let until = report.skippedUntil {
            return "\(site.id): skipped, the server asked to wait until \(until.iso8601)"
        }
        guard let snapshot = report.snapshot else { return "\(site.id): already stored" }
        var text = "\(site.id): \(snapshot.outcome.rawValue)"
        if let publications = snapshot.publications, let talks = snapshot.talks, let members = snapshot.members {
            text += ", \(publications) publications, \(talks) talks, \(members) members"
        }
        if let changes = report.changes {
            text += changes.isEmpty ? "; no entry changed" : "; " + ChangeRendering.counts(changes)
            if report.isHeld { text += " (held as suspect until the next check confirms it)" }
        }
        if report.confirmedSuspect { text += "; confirms the suspect changes held before" }
        return text
    }
}
