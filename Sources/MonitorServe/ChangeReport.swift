import Foundation
import MonitorCore
import MonitorSchedule
import MonitorStore

/// The net changes of some sites over a window: the JSON of `monitor diff --format json` and of
/// `GET /api/v1/changes`.
public struct ChangeReport: Encodable, Sendable {
    /// The start of the window.
    public var since: Date
    /// The end of the window.
    public var until: Date
    /// Each site's net change.
    public var sites: [ChangeHistory.SiteChanges]

    /// Creates a report.
    public init(since: Date, until: Date, sites: [ChangeHistory.SiteChanges]) {
        self.since = since
        self.until = until
        self.sites = sites
    }

    /// The encoder every JSON answer uses: sorted keys, pretty-printed, ISO 8601 dates.
    ///
    /// - Returns: A configured encoder.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The report as JSON with a trailing newline.
    ///
    /// - Returns: UTF-8 JSON.
    public func json() -> String {
        // Dates, strings and numbers only: encoding cannot fail.
        let data = (try? Self.encoder().encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension ChangeReport {
    /// The net change of each site over a window, read from the store.
    ///
    /// - Parameters:
    ///   - store: The store.
    ///   - sites: The sites to report.
    ///   - since: The start of the window.
    ///   - until: The end of the window.
    ///   - kinds: The kinds to report.
    /// - Returns: The report, one element per site in the order given.
    /// - Throws: ``StoreError`` when the store cannot be read.
    public static func load(
        from store: SnapshotStore,
        sites: [Site],
        since: Date,
        until: Date,
        kinds: Set<EntryKind> = Set(EntryKind.allCases)
    ) async throws -> ChangeReport {
        var all: [ChangeHistory.SiteChanges] = []
        for site in sites {
            all.append(try await ChangeHistory.netChanges(of: site, in: store, from: since, to: until, kinds: kinds))
        }
        return ChangeReport(since: since, until: until, sites: all)
    }

    /// True when no site has a change or a held suspect change.
    public var isEmpty: Bool { sites.allSatisfy { $0.changes.isEmpty && $0.held.isEmpty } }
}
