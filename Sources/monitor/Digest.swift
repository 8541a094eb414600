import ArgumentParser
import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorServe
import MonitorStore
import ServiceLifecycle

/// `monitor digest`: what changed on every site, for a person to read (the weekly e-mail's text).
struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print what changed on every site since a time, as text, Markdown or HTML.",
        discussion: """
            The same report 'monitor run' e-mails when [digest] to and every are configured (text \
            and HTML parts, through sendmail). WHEN: \(TimeReference.acceptedForms).
            """
    )

    /// How the digest is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case markdown
        case html
    }

    @OptionGroup var store: StoreOptions

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

    @Option(help: "Output format: text, markdown or html.")
    var format: Format = .text

    func run() async throws {
        let snapshots = try store.openExisting()
        let (start, end) = try Diff.window(since: since, until: until)
        let report = try await ChangeReport.load(
            from: snapshots,
            sites: try await snapshots.sites(),
            since: start,
            until: end
        )
        print(Self.render(report, format: format), terminator: "")
    }

    /// The digest in one format; text and Markdown are `monitor diff`'s.
    static func render(_ report: ChangeReport, format: Format) -> String {
        switch format {
        case .text: DiffRendering.net(report.sites, format: .text, start: report.since, end: report.until)
        case .markdown: DiffRendering.net(report.sites, format: .markdown, start: report.since, end: report.until)
        case .html: DigestHTML.render(report)
        }
    }

    /// The digest service `monitor run` adds to its group: none without `[digest]`.
    ///
    /// It ends only at shutdown; if it ever returned, the daemon would go on checking without it.
    static func services(for settings: DigestSettings?, store: SnapshotStore) -> [ServiceGroupConfiguration
        .ServiceConfiguration]
    {
        guard let settings else { return [] }
        let service = DigestService(
            settings: .init(to: settings.to, from: settings.from, every: settings.every, sendmail: settings.sendmail),
            store: store,
            logger: .init(label: "monitor.digest"),
            render: { (render($0, format: .text), render($0, format: .html)) }
        )
        return [.init(service: service, successTerminationBehavior: .ignore, failureTerminationBehavior: .ignore)]
    }
}
