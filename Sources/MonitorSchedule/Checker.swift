import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorDiff
import MonitorExtract
import MonitorFetch
import MonitorNotify
import MonitorStore

/// One check of a site: fetch → extract → diff → store, the pipeline every stage meets in.
///
/// Each check ends in exactly one stored snapshot (see ``Snapshot/Outcome``). A failed fetch is
/// a failed check, never a snapshot of an error page; validators are kept only from a body that
/// was extracted, so a later 304 cannot hide a real change.
public struct Checker: Sendable {
    /// The store.
    public let store: SnapshotStore
    /// The fetcher (shared: it keeps one request per host in flight).
    public let fetcher: any PageFetching
    /// A fetch that loses more than this fraction of a kind's entries (or all of them) is held
    /// as suspect until the next check confirms it.
    public var suspectLoss: Double
    private let extractor = Extractor()
    /// The longest `Retry-After` honoured, in seconds: a day (a server asking for years is not obeyed).
    public static let longestRetryAfter: Int64 = 86_400

    /// The webhook endpoints that get notifications of the changes found.
    public var endpoints: [WebhookEndpoint]

    /// Creates a checker.
    public init(
        store: SnapshotStore,
        fetcher: any PageFetching,
        suspectLoss: Double = 0.5,
        endpoints: [WebhookEndpoint] = []
    ) {
        self.store = store
        self.fetcher = fetcher
        self.suspectLoss = suspectLoss
        self.endpoints = endpoints
    }

    /// The outbox messages announcing `changes` to every endpoint that wants some of them.
    func notifications(
        of changes: ChangeSet,
        site: Site,
        at date: Date,
        previous: Snapshot?,
        currentHash: String
    ) -> [OutboxMessage] {
        guard !changes.isEmpty else { return [] }
        return endpoints.compactMap { endpoint in
            guard endpoint.sites?.contains(site.id.rawValue) ?? true else { return nil }
            let wanted = WebhookEvent.changes(changes, events: endpoint.events)
            guard !wanted.isEmpty else { return nil }
            let event = WebhookEvent(
                id: WebhookEvent.newID(),
                site: site,
                detectedAt: date,
                previous: previous.flatMap { snapshot in
                    snapshot.contentHash.map { WebhookEvent.SnapshotRef(fetchedAt: snapshot.fetchedAt, hash: $0) }
                },
                current: WebhookEvent.SnapshotRef(fetchedAt: date, hash: currentHash),
                changes: wanted
            )
            guard let body = try? event.body(format: endpoint.format.rawValue) else { return nil }
            return OutboxMessage(
                messageID: event.id,
                endpoint: endpoint.name,
                siteID: site.id,
                createdAt: date,
                body: body
            )
        }
    }

    /// The notifications of a suspect's held changes, released now that they are confirmed.
    private func confirmedNotifications(of suspect: Snapshot, site: Site, at date: Date) async throws -> [OutboxMessage]
    {
        guard let held = try await store.changeSet(ofSnapshot: suspect.id), let hash = suspect.contentHash else {
            return []
        }
        let previous = try await held.previousSnapshotID.asyncMap { id in
            try await store.snapshots(of: site.id).first { $0.id == id }
        }
        return notifications(of: held.changes, site: site, at: date, previous: previous, currentHash: hash)
    }

    /// What one check did.
    public struct Report: Sendable {
        /// The snapshot stored, or `nil` when the check was skipped or the import already stored.
        public var snapshot: Snapshot?
        /// The changes it found (held ones included, see `isHeld`).
        public var changes: ChangeSet?
        /// True when the changes are held as suspect.
        public var isHeld: Bool = false
        /// True when a held change set was confirmed by this check.
        public var confirmedSuspect: Bool = false
        /// Set when the check was skipped because the server asked to wait until then.
        public var skippedUntil: Date?
    }

    /// Checks one site now.
    ///
    /// - Parameters:
    ///   - site: The site.
    ///   - now: The time recorded for the check.
    ///   - honourRetryAfter: Skip the site while an earlier `Retry-After` is still running.
    ///   - logger: Debug details of each step.
    /// - Returns: What was stored.
    /// - Throws: ``StoreError`` when the store cannot be written (the fetch itself never throws here).
    public func check(_ site: Site, now: Date = Date(), honourRetryAfter: Bool = true, logger: Logger) async throws
        -> Report
    {
        let start = try await store.checkStart(of: site.id)
        if honourRetryAfter, let retryAt = start.latest?.retryAt, retryAt > now {
            return Report(skippedUntil: retryAt)
        }
        let last = start.lastGood
        let validators = last.flatMap { Validators(etag: $0.etag, lastModified: $0.lastModified) }
        let result: FetchResult
        do {
            result = try await fetcher.fetch(site.url, validators: validators, logger: logger)
        } catch let error as FetchError {
            let snapshot = try await store.record(
                Observation(
                    siteID: site.id,
                    fetchedAt: now,
                    outcome: .failed,
                    httpStatus: error.httpStatus,
                    message: error.description,
                    retryAt: error.retryAfter.map {
                        now + TimeInterval(min($0.components.seconds, Self.longestRetryAfter))
                    }
                )
            )
            return Report(snapshot: snapshot)
        }
        if result.isNotModified {
            guard let last, let hash = last.contentHash else {
                let snapshot = try await store.record(
                    Observation(
                        siteID: site.id,
                        fetchedAt: now,
                        outcome: .failed,
                        httpStatus: 304,
                        message: "\(site.url): the server answered 304 Not Modified to a request without validators"
                    )
                )
                return Report(snapshot: snapshot)
            }
            let confirmed = start.pendingSuspect.flatMap { $0.contentHash == hash ? $0 : nil }
            let confirms = confirmed?.id
            let snapshot = try await store.record(
                Observation(
                    siteID: site.id,
                    fetchedAt: now,
                    outcome: .notModified,
                    httpStatus: 304,
                    etag: result.etag,
                    lastModified: result.lastModified,
                    bodyHash: hash,
                    confirmsSuspect: confirms,
                    notifications: try await confirmed.asyncMap {
                        try await confirmedNotifications(of: $0, site: site, at: now)
                    } ?? []
                )
            )
            return Report(snapshot: snapshot, confirmedSuspect: confirms != nil)
        }
        return try await storeBody(
            result.body,
            site: site,
            url: result.finalURL,
            contentType: result.contentType,
            at: now,
            source: .fetch,
            httpStatus: result.status,
            etag: result.etag,
            lastModified: result.lastModified,
            logger: logger
        )
    }

    /// Stores a page from history (`monitor import`) as if it had been fetched at `date`.
    ///
    /// - Returns: The report, with no snapshot when this exact page at this time was imported before.
    public func importPage(_ body: [UInt8], site: Site, at date: Date, logger: Logger) async throws -> Report {
        let hash = SnapshotStore.hash(of: body)
        if try await store.hasSnapshot(site: site.id, at: date, hash: hash) {
            // Already stored; a page whose archive file went missing is written again (a repair).
            try await store.restoreBody(body, hash: hash, site: site.id)
            return Report()
        }
        return try await storeBody(
            body,
            site: site,
            url: site.url,
            contentType: nil,
            at: date,
            source: .import,
            httpStatus: nil,
            etag: nil,
            lastModified: nil,
            logger: logger
        )
    }

    private func storeBody(
        _ body: [UInt8],
        site: Site,
        url: String,
        contentType: String?,
        at date: Date,
        source: Snapshot.Source,
        httpStatus: Int?,
        etag: String?,
        lastModified: String?,
        logger: Logger
    ) async throws -> Report {
        let hash = SnapshotStore.hash(of: body)
        let last = try await store.lastGoodSnapshot(of: site.id, atOrBefore: date)
        let suspect = try await store.pendingSuspect(of: site.id, after: last, atOrBefore: date)
        /// Stores the page as one already known: the last good one, or a suspect it confirms.
        func recordKnownPage(confirming suspect: Snapshot? = nil) async throws -> Report {
            let snapshot = try await store.record(
                Observation(
                    siteID: site.id,
                    fetchedAt: date,
                    outcome: .unchanged,
                    source: source,
                    httpStatus: httpStatus,
                    etag: etag,
                    lastModified: lastModified,
                    bodyHash: hash,
                    confirmsSuspect: suspect?.id,
                    notifications: source == .fetch
                        ? try await suspect.asyncMap { try await confirmedNotifications(of: $0, site: site, at: date) }
                            ?? []
                        : []
                )
            )
            return Report(snapshot: snapshot, confirmedSuspect: suspect != nil)
        }
        if let last, last.contentHash == hash {
            // The same page again: a pending suspect (another body) is not confirmed by it.
            return try await recordKnownPage()
        }
        let entries: PageEntries
        let doubts: [ExtractionDoubt]
        do {
            (entries, doubts) = try extractor.read(body, url: url, contentType: contentType, selectors: site.selectors)
        } catch let error as ExtractError {
            logger.debug("Page unreadable", metadata: ["site.id": "\(site.id)", "reason": "\(error)"])
            let snapshot = try await store.record(
                Observation(
                    siteID: site.id,
                    fetchedAt: date,
                    outcome: .unreadable,
                    source: source,
                    httpStatus: httpStatus,
                    body: body,
                    bodyHash: hash,
                    message: error.description
                )
            )
            return Report(snapshot: snapshot)
        }
        if let suspect, suspect.contentHash == hash {
            // The suspect page again: the loss is confirmed.
            return try await recordKnownPage(confirming: suspect)
        }
        var baseline = last
        var baselineEntries = try await last.flatMap { $0.contentHash }.asyncMap { try await store.entries(ofBody: $0) }
        warnIfUnsure(doubts, entries: entries, previous: baselineEntries, site: site, url: url, logger: logger)
        var confirms: Int64?
        if let suspect, let lastEntries = baselineEntries, isSuspect(from: lastEntries, to: entries),
            let suspectHash = suspect.contentHash
        {
            // A second page in a row that lost most of the entries: the loss is real. The suspect
            // becomes the baseline and this page is compared with it.
            confirms = suspect.id
            baseline = suspect
            baselineEntries = try await store.entries(ofBody: suspectHash)
        }
        let changes = baselineEntries.map { ChangeSet(from: $0, to: entries) }
        let held = confirms == nil && baselineEntries.map { isSuspect(from: $0, to: entries) } == true
        // Imports fill in the past: only live checks notify. Held changes wait for their confirmation.
        var messages: [OutboxMessage] = []
        if source == .fetch {
            if let confirms, let suspect, suspect.id == confirms {
                messages += try await confirmedNotifications(of: suspect, site: site, at: date)
            }
            if let changes, !held {
                messages += notifications(of: changes, site: site, at: date, previous: baseline, currentHash: hash)
            }
        }
        let snapshot = try await store.record(
            Observation(
                siteID: site.id,
                fetchedAt: date,
                outcome: held ? .suspect : .changed,
                source: source,
                httpStatus: httpStatus,
                etag: etag,
                lastModified: lastModified,
                body: body,
                bodyHash: hash,
                entries: entries,
                changeSet: changes.map {
                    PendingChangeSet(previousSnapshotID: baseline?.id, changes: $0, isHeld: held)
                },
                confirmsSuspect: confirms,
                notifications: messages
            )
        )
        return Report(snapshot: snapshot, changes: changes, isHeld: held, confirmedSuspect: confirms != nil)
    }

    /// Logs one warning when zero-config detection was unsure of the page.
    ///
    /// A section with records
    /// that few parsed, dated records under a heading of no kind, or a kind that had entries and has
    /// none now. Sites read by overrides for every kind are not second-guessed.
    private func warnIfUnsure(
        _ doubts: [ExtractionDoubt],
        entries: PageEntries,
        previous: PageEntries?,
        site: Site,
        url: String,
        logger: Logger
    ) {
        var reasons = doubts.map { "\"\($0.section.isEmpty ? "(no heading)" : $0.section)\": \($0.reason)" }
        if let previous {
            for kind in EntryKind.allCases where site.selectors[kind] == nil {
                if previous.count(of: kind) > 0, entries.count(of: kind) == 0 {
                    reasons.append("\(kind.plural) vanished (\(previous.count(of: kind)) before, none now)")
                }
            }
        }
        guard !reasons.isEmpty else { return }
        logger.warning(
            "Extraction unsure; see monitor extract --explain \(url)",
            metadata: [
                "site.id": "\(site.id)",
                "extract.doubt": "\(reasons.prefix(3).joined(separator: "; "))\(reasons.count > 3 ? "; …" : "")",
            ]
        )
    }

    /// True when a kind that had entries has none, or lost more than ``suspectLoss`` of them.
    public func isSuspect(from old: PageEntries, to new: PageEntries) -> Bool {
        EntryKind.allCases.contains { kind in
            let before = old.count(of: kind)
            let after = new.count(of: kind)
            guard before > 0 else { return false }
            return after == 0 || Double(before - after) > suspectLoss * Double(before)
        }
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
