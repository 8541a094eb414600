import ArgumentParser
import Foundation
import MonitorCore
import MonitorSchedule
import MonitorServe
import MonitorStore

extension TimeReference: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}

/// `monitor diff`: what changed on the watched pages over a window of time.
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed on the watched pages since a time, as papers, talks and members.",
        discussion: """
            Compares the state in effect at --since with the latest state (or the state at \
            --until), so a change made and undone inside the window does not appear. --events \
            lists each change with the time it was detected instead. Suspect changes (a page that \
            suddenly lost most of its entries) are listed apart until a later check confirms them.
            WHEN: \(TimeReference.acceptedForms).
            """
    )

    @OptionGroup var store: StoreOptions

    // .unconditional: "-3d" is taken as the value (to explain it) rather than as an unknown flag,
    // which left "--since" with a bare "Missing value".
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("The start of the window.", valueName: "when"),
        transform: { try Diff.time($0, option: "--since") }
    )
    var since: TimeReference

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("The end of the window (default: now).", valueName: "when"),
        transform: { try Diff.time($0, option: "--until") }
    )
    var until: TimeReference?

    @Option(help: ArgumentHelp("Only this site.", valueName: "id"))
    var site: String?

    @Option(
        help: ArgumentHelp("Only these kinds, comma-separated: publication, talk, member.", valueName: "kinds"),
        transform: Diff.kinds
    )
    var kind: Set<EntryKind> = Set(EntryKind.allCases)

    @Flag(help: "List each change with the time it was detected, instead of the net change.")
    var events = false

    @Option(help: "Output format: text, markdown or json.")
    var format: ChangeFormat = .text

    /// Parses a `--since` or `--until` value.
    ///
    /// - Parameters:
    ///   - text: The value as given.
    ///   - option: The option's name, for the message.
    /// - Returns: The time it names.
    /// - Throws: `ValidationError` naming the accepted forms; for a span with a minus sign ("-3d"), the
    ///   same span without it.
    static func time(_ text: String, option: String) throws -> TimeReference {
        if let reference = TimeReference(text) { return reference }
        let unsigned = String(text.drop { $0 == "-" })
        if unsigned.count < text.count, let unit = unsigned.last, TimeReference(unsigned) != nil,
            let count = Int(unsigned.dropLast())
        {
            let names: [Character: String] = ["w": "week", "d": "day", "h": "hour", "m": "minute", "s": "second"]
            let name = (names[unit] ?? String(unit)) + (count == 1 ? "" : "s")
            throw ValidationError(
                "spans count back from now: use \(option) \(unsigned) (\(count) \(name) ago)"
            )
        }
        throw ValidationError("'\(text)' is not a time; use \(TimeReference.acceptedForms)")
    }

    static func kinds(_ text: String) throws -> Set<EntryKind> {
        let (kinds, unknown) = EntryKind.kinds(inList: text)
        if let unknown {
            throw ValidationError("'\(unknown)' is not a kind; use publication, talk or member (comma-separated)")
        }
        return kinds
    }

    /// `--since` and `--until` (default now) resolved against the clock.
    ///
    /// - Throws: ``CommandError`` when the start is after the end.
    static func window(since: TimeReference, until: TimeReference?) throws -> (Date, Date) {
        let now = Date()
        let start = since.date(relativeTo: now)
        let end = until?.date(relativeTo: now) ?? now
        guard start <= end else {
            throw CommandError("--since (\(start.iso8601)) is after --until (\(end.iso8601)); swap them")
        }
        return (start, end)
    }

    func run() async throws {
        let snapshots = try store.openExisting()
        let (start, end) = try Diff.window(since: since, until: until)
        let sites: [Site]
        if let site {
            guard let known = try await snapshots.site(Site.ID(rawValue: site)) else {
                throw StoreError.unknownSite(site)
            }
            sites = [known]
        } else {
            sites = try await snapshots.sites()
        }
        if events {
            var all: [ChangeHistory.Event] = []
            for site in sites {
                all += try await ChangeHistory.events(of: site, in: snapshots, from: start, to: end, kinds: kind)
            }
            print(DiffRendering.events(all, format: format, start: start, end: end), terminator: "")
        } else {
            let report = try await ChangeReport.load(
                from: snapshots,
                sites: sites,
                since: start,
                until: end,
                kinds: kind
            )
            print(DiffRendering.net(report.sites, format: format, start: start, end: end), terminator: "")
        }
    }
}

/// Prints `monitor diff` results.
enum DiffRendering {
    struct EventsJSON: Encodable {
        var since: Date
        var until: Date
        var events: [ChangeHistory.Event]
    }

    static func net(_ sites: [ChangeHistory.SiteChanges], format: ChangeFormat, start: Date, end: Date) -> String {
        if format == .json {
            return ChangeReport(since: start, until: end, sites: sites).json()
        }
        let markdown = format == .markdown
        var out = ""
        // Several sites: only those with something to say, so the report pastes cleanly into an e-mail.
        let shown = sites.count > 1 ? sites.filter { !$0.changes.isEmpty || !$0.held.isEmpty } : sites
        if sites.count > 1 && shown.isEmpty {
            return "No changes on \(sites.count) sites between \(start.iso8601) and \(end.iso8601).\n"
        }
        for site in shown {
            out += markdown ? "## \(site.site.id) (\(site.site.url))\n\n" : "== \(site.site.id) (\(site.site.url))\n"
            let window =
                if let from = site.from, let to = site.to {
                    "\(from.at.iso8601) → \(to.at.iso8601)"
                } else { "\(start.iso8601) → \(end.iso8601)" }
            out += markdown ? "_\(window)_\n\n" : "\(window)\n"
            if let note = site.note { out += markdown ? "_\(note)_\n\n" : "(\(note))\n" }
            out += ChangeRendering.render(site.changes, markdown: markdown)
            for held in site.held {
                out +=
                    markdown
                    ? "\n## Held as suspect (found \(held.detectedAt.iso8601))\n\n"
                    : "\nHeld as suspect, not confirmed yet (found \(held.detectedAt.iso8601)):\n"
                out += ChangeRendering.render(held.changes, markdown: markdown)
            }
            out += "\n"
        }
        return sites.isEmpty ? "No sites in the store.\n" : out
    }

    static func events(_ events: [ChangeHistory.Event], format: ChangeFormat, start: Date, end: Date) -> String {
        if format == .json {
            let data =
                (try? ChangeReport.encoder().encode(EventsJSON(since: start, until: end, events: events))) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        guard !events.isEmpty else {
            return "No changes between \(start.iso8601) and \(end.iso8601).\n"
        }
        let markdown = format == .markdown
        var out = ""
        for event in events {
            let title =
                "\(event.site) at \(event.detectedAt.iso8601)\(event.isHeld ? " (held as suspect)" : "")"
            out += markdown ? "## \(title)\n\n" : "== \(title)\n"
            out += ChangeRendering.render(event.changes, markdown: markdown) + "\n"
        }
        return out
    }
}
