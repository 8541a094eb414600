import ArgumentParser
import Foundation
import MonitorCore
import MonitorStore

/// `monitor history`: the stored snapshots, one per line.
struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List stored snapshots: time, outcome, content hash and entry counts.",
        discussion: "Oldest first. JSON prints one array of objects."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only this site.", valueName: "id"))
    var site: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let snapshots = try store.openExisting()
        if let site, try await snapshots.site(Site.ID(rawValue: site)) == nil { throw StoreError.unknownSite(site) }
        let rows = try await snapshots.snapshots(of: site.map(Site.ID.init(rawValue:)))
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .text:
            for snapshot in rows {
                var columns = [
                    snapshot.fetchedAt.iso8601, snapshot.siteID.rawValue,
                    snapshot.outcome.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0),
                    String((snapshot.contentHash ?? "-").prefix(12)).padding(toLength: 12, withPad: " ", startingAt: 0),
                ]
                if let publications = snapshot.publications, let talks = snapshot.talks, let members = snapshot.members
                {
                    columns.append("\(publications) publications, \(talks) talks, \(members) members")
                } else if let message = snapshot.message {
                    columns.append(message)
                }
                print(columns.joined(separator: "  "))
            }
            if rows.isEmpty { print("No snapshots yet.") }
        }
    }
}
