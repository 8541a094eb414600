import ArgumentParser
import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorSchedule
import MonitorStore

/// `monitor import`: back-fills a site's history from files or from git.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Back-fill a site's history from saved pages or from a git repository.",
        discussion: """
            --dir DIR: every *.html file in DIR, dated by a YYYY-MM-DD in its name (00:00 UTC, or \
            the time after it as THHMMSSZ), else by its modification time. --git REPO --path FILE: every commit that touched FILE, \
            at its author date (as 'git log' shows it). Pages are stored oldest first, as if \
            fetched then; importing the same pages again adds nothing, and an interrupted import \
            completes when run again. A saved page larger than max_body_bytes (the configuration's, \
            10485760 by default) stops the import before anything is stored.
            """
    )

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The site's id.", valueName: "id"))
    var site: String

    @Option(help: ArgumentHelp("The site's URL, to add it (relative links resolve against it).", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("A directory of saved .html pages.", valueName: "dir"))
    var dir: String?

    @Option(help: ArgumentHelp("A git repository holding the page's history.", valueName: "repo"))
    var git: String?

    @Option(help: ArgumentHelp("The page's path inside the git repository (with --git).", valueName: "file"))
    var path: String?

    func validate() throws {
        switch (dir, git, path) {
        case (.some, nil, nil), (nil, .some, .some): break
        case (nil, .some, nil): throw ValidationError("--git needs --path FILE, the page's path inside the repository")
        case (.some, .some, _): throw ValidationError("give either --dir or --git, not both")
        default: throw ValidationError("give --dir DIR or --git REPO --path FILE")
        }
        if let url, let problem = Site.urlProblem(url) {
            throw ValidationError(
                "--url takes an http(s) URL such as https://example.edu/~jdoe/; '\(url)': \(problem)"
            )
        }
    }

    func run() async throws {
        let logger = Logger(label: "monitor.import")
        let id = Site.ID(rawValue: site)
        try SnapshotStore.validate(id)
        let configuration = try configOptions.load()
        let pages: [HistoricalPage] =
            if let dir { try HistoricalPage.files(in: dir, limit: configuration.maxBodyBytes) } else {
                try HistoricalPage.commits(in: git ?? "", path: path ?? "", limit: configuration.maxBodyBytes)
            }
        guard !pages.isEmpty else {
            throw CommandError("found no pages to import in \(dir ?? "\(git ?? "")'s history of \(path ?? "")")")
        }
        let pipeline = try Pipeline(
            configuration: configuration,
            stateDirectory: store.directory(for: configuration),
            command: "import",
            notify: false,
            offline: true
        )
        let snapshots = pipeline.store
        var target: Site
        if let url {
            target = try await pipeline.site(id) ?? Site(id: id, url: url)
            target.url = url
            try await snapshots.addSite(target)
        } else if let known = try await pipeline.site(id) {
            target = known
            try await snapshots.addSite(target)
        } else {
            throw CommandError("no site '\(site)' in the store; add --url URL to create it")
        }
        let checker = pipeline.checker
        var added = 0
        var outcomes: [Snapshot.Outcome: Int] = [:]
        let showProgress = standardErrorIsTerminal && pages.count > 20
        for (index, page) in pages.enumerated() {
            let report = try await checker.importPage(try page.load(), site: target, at: page.date, logger: logger)
            if let snapshot = report.snapshot {
                added += 1
                outcomes[snapshot.outcome, default: 0] += 1
            }
            if showProgress {
                FileHandle.standardError.write(
                    Data("\rimporting \(index + 1)/\(pages.count) \(page.name)\u{1B}[K".utf8)
                )
            }
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let summary = Snapshot.Outcome.allCases.compactMap { outcome in
            outcomes[outcome].map { "\($0) \(outcome.rawValue)" }
        }
        print(
            "\(target.id): imported \(added) of \(pages.count) pages"
                + (summary.isEmpty ? " (all were already stored)" : " (\(summary.joined(separator: ", ")))")
        )
    }
}

/// One page of a site's past: a saved file or a git commit.
struct HistoricalPage {
    var name: String
    var date: Date
    var load: () throws -> [UInt8]

    /// Every `*.html` file in a directory, dated by a `YYYY-MM-DD` in its name, else by its mtime.
    ///
    /// A page over `limit` (the configuration's `max_body_bytes`, as for a fetched page) stops the import before anything is stored: a saved page that
    /// big is a mistake to fix (a wrong file, a dump), not one to skip silently.
    ///
    /// - Parameters:
    ///   - directory: The folder of saved pages.
    ///   - limit: The largest page imported, in bytes.
    /// - Returns: The pages, oldest first.
    /// - Throws: ``CommandError`` for a missing directory or a page over the limit.
    static func files(in directory: String, limit: Int) throws -> [HistoricalPage] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandError("\(directory): no such directory; give the folder of saved .html pages")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.lowercased().hasSuffix(".html") || $0.lowercased().hasSuffix(".htm") }
        let folder = URL(fileURLWithPath: directory)
        let advice =
            " (max_body_bytes in the configuration); nothing was imported: move it out of \(directory) "
            + "or raise max_body_bytes"
        let pages = try names.map { name -> HistoricalPage in
            let file = folder.appendingPathComponent(name)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            let date: Date
            if let named = dateInName(name) {
                date = named
            } else {
                date = attributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
            }
            if let size = attributes[.size] as? Int, attributes[.type] as? FileAttributeType == .typeRegular,
                size > limit
            {
                throw CommandError("\(file.path): \(size) bytes, over the \(limit)-byte limit for a page\(advice)")
            }
            return HistoricalPage(name: name, date: date) {
                // A file that grew past the limit since it was listed: the pages before it are stored.
                try PageSource.readFile(
                    file.path,
                    limit: limit,
                    advice: "; move it out of \(directory) and import again"
                )
            }
        }
        return pages.sorted { ($0.date, $0.name) < ($1.date, $1.name) }
    }

    /// The first `YYYY-MM-DD` in a file name, at 00:00 UTC, or at the time that follows it as
    /// `THHMMSSZ` or `THH:MM:SSZ` (the names `monitor archive export` writes).
    static func dateInName(_ name: String) -> Date? {
        let bytes = Array(name.utf8)
        guard bytes.count >= 10 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                guard (0x30...0x39).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
            }
            return value
        }
        for start in 0...(bytes.count - 10)
        where bytes[start + 4] == UInt8(ascii: "-") && bytes[start + 7] == UInt8(ascii: "-") {
            if start > 0, (0x30...0x39).contains(bytes[start - 1]) { continue }
            guard let year = digits(start..<start + 4), let month = digits(start + 5..<start + 7),
                let day = digits(start + 8..<start + 10), (1...12).contains(month), (1...31).contains(day)
            else { continue }
            var components = DateComponents(year: year, month: month, day: day)
            let time = start + 10
            if time < bytes.count, bytes[time] == UInt8(ascii: "T") {
                let compact = (digits(time + 1..<time + 3), digits(time + 3..<time + 5), digits(time + 5..<time + 7))
                let colons = (digits(time + 1..<time + 3), digits(time + 4..<time + 6), digits(time + 7..<time + 9))
                if let hour = compact.0, let minute = compact.1, let second = compact.2 {
                    components.hour = hour
                    components.minute = minute
                    components.second = second
                } else if let hour = colons.0, let minute = colons.1, let second = colons.2 {
                    components.hour = hour
                    components.minute = minute
                    components.second = second
                }
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
            return calendar.date(from: components)
        }
        return nil
    }

    /// Every commit that touched `path` in a git repository, oldest first, at its author date.
    ///
    /// A version over `limit` (the configuration's `max_body_bytes`) stops the import before anything
    /// is stored, as for a folder of saved pages; a commit that deleted the file is skipped.
    static func commits(in repository: String, path: String, limit: Int) throws -> [HistoricalPage] {
        let log = try git(repository, ["log", "--reverse", "--format=%H %at", "--", path])
        let commits = log.split(separator: "\n").compactMap { line -> (commit: String, date: Date)? in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let seconds = TimeInterval(parts[1]) else { return nil }
            return (String(parts[0]), Date(timeIntervalSince1970: seconds))
        }
        guard !commits.isEmpty else { return [] }
        // Every version's size from one `git cat-file`, before any is read.
        let query = commits.map { "\($0.commit):\(path)\n" }.joined()
        let sizes = try git(repository, ["cat-file", "--batch-check=%(objectsize)"], input: Data(query.utf8))
            .split(separator: "\n", omittingEmptySubsequences: false).map { Int($0) }
        var pages: [HistoricalPage] = []
        for (index, entry) in commits.enumerated() {
            guard index < sizes.count, let size = sizes[index] else { continue }  // "missing": deleted there
            let name = String(entry.commit.prefix(7))
            guard size <= limit else {
                throw CommandError(
                    "\(path) at commit \(name) is \(size) bytes, over the \(limit)-byte limit (max_body_bytes in "
                        + "the configuration); nothing was imported: raise max_body_bytes or import a folder of the "
                        + "versions you want"
                )
            }
            pages.append(
                HistoricalPage(name: name, date: entry.date) {
                    Array(try gitBytes(repository, ["show", "\(entry.commit):\(path)"]))
                }
            )
        }
        return pages
    }

    private static func git(_ repository: String, _ arguments: [String], input: Data? = nil) throws -> String {
        String(decoding: try gitBytes(repository, arguments, input: input), as: UTF8.self)
    }

    private static func gitBytes(_ repository: String, _ arguments: [String], input: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repository] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let feed = input.map { _ in Pipe() }
        if let feed { process.standardInput = feed }
        do {
            try process.run()
        } catch {
            throw CommandError(
                "cannot run git (\(error.localizedDescription)); install git to import from a repository"
            )
        }
        if let feed, let input {
            // The queries are a few KB and git answers line by line: the pipe buffers hold both.
            feed.fileHandleForWriting.write(input)
            try? feed.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let first = message.split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
            throw CommandError("git \(arguments.first ?? "") in \(repository) failed: \(first)")
        }
        return data
    }
}
