import ArgumentParser
import Foundation
import Logging
import MonitorCore
import MonitorFetch
import MonitorSchedule
import MonitorStore

/// `monitor check`: one pass over the sites now.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check sites now: fetch, extract, store a snapshot and report what changed.",
        discussion: """
            With --site and --url, adds (or updates) that site and checks it. With --site alone, \
            checks that stored site; with neither, every stored site. One line per site on \
            stdout. Exits 1 when any check failed (each failure is also stored), 0 otherwise.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The site's id, a slug such as jdoe-mit.", valueName: "id"))
    var site: String?

    @Option(help: ArgumentHelp("The page's URL; adds the site (needs --site).", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("A URL or e-mail for site owners, sent in the User-Agent.", valueName: "contact"))
    var contact: String?

    @Option(help: ArgumentHelp("Seconds allowed for each fetch, body included.", valueName: "seconds"))
    var timeout: Int = 60

    @Option(
        name: .customLong("max-body"),
        help: ArgumentHelp("The largest page accepted, in bytes after decompression.", valueName: "bytes")
    )
    var maxBody: Int = 10 << 20

    @Option(
        name: .customLong("suspect-loss"),
        help: ArgumentHelp(
            "Hold changes as suspect when a kind loses more than this fraction of its entries.",
            valueName: "0-1"
        )
    )
    var suspectLoss: Double = 0.5

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
        guard timeout > 0 else { throw ValidationError("--timeout takes a positive number of seconds; got \(timeout)") }
        guard maxBody > 0 else { throw ValidationError("--max-body takes a positive number of bytes; got \(maxBody)") }
        guard (0...1).contains(suspectLoss) else {
            throw ValidationError("--suspect-loss takes a fraction between 0 and 1, such as 0.5; got \(suspectLoss)")
        }
    }

    func run() async throws {
        let logger = Logger(label: "monitor.check")
        if url == nil && !store.exists {
            if let site { throw StoreError.unknownSite(site) }
            throw CommandError("no sites in \(store.directory.path); add one with 'monitor check --site ID --url URL'")
        }
        let snapshots = try store.open()
        var sites: [Site]
        if let site, let url {
            let added = Site(id: Site.ID(rawValue: site), url: url)
            try await snapshots.addSite(added)
            sites = [added]
        } else if let site {
            guard let known = try await snapshots.site(Site.ID(rawValue: site)) else {
                throw StoreError.unknownSite(site)
            }
            sites = [known]
        } else {
            sites = try await snapshots.sites()
            guard !sites.isEmpty else {
                throw CommandError(
                    "no sites in \(store.directory.path); add one with 'monitor check --site ID --url URL'"
                )
            }
        }
        sites = store.withConfiguredSelectors(sites)
        var settings = PageFetcher.Settings()
        settings.contact = contact
        settings.totalTimeout = .seconds(timeout)
        settings.connectTimeout = .seconds(min(timeout, 10))
        settings.maxBodyBytes = maxBody
        let fetcher = PageFetcher(settings: settings)
        let checker = Checker(store: snapshots, fetcher: fetcher, suspectLoss: suspectLoss)
        let reports: [(Site, Result<Checker.Report, any Error>)]
        reports = await withTaskGroup(of: (Int, Site, Result<Checker.Report, any Error>).self) { group in
            // Up to 8 sites at once; the fetcher still sends one request per host at a time.
            var next = 0
            var results: [(Int, Site, Result<Checker.Report, any Error>)] = []
            func add() {
                guard next < sites.count else { return }
                let index = next
                let site = sites[index]
                next += 1
                group.addTask {
                    do {
                        return (index, site, .success(try await checker.check(site, logger: logger)))
                    } catch {
                        return (index, site, .failure(error))
                    }
                }
            }
            for _ in 0..<min(8, sites.count) { add() }
            while let result = await group.next() {
                results.append(result)
                add()
            }
            return results.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
        }
        await fetcher.shutdown()
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
        if failed { throw ExitCode.failure }
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
