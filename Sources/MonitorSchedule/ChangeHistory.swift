import Foundation
import MonitorCore
import MonitorDiff
import MonitorStore

/// Answers "what changed on this site between two times?" from stored snapshots.
public enum ChangeHistory {
    /// A stored state of a site: the snapshot in effect and when it was taken.
    public struct State: Sendable, Codable, Hashable {
        /// When the snapshot was taken.
        public var at: Date
        /// The page body's SHA-256.
        public var hash: String
    }

    /// A change set held as suspect, waiting for the next check to confirm it.
    public struct Held: Sendable, Codable, Hashable {
        /// When it was found.
        public var detectedAt: Date
        /// The changes.
        public var changes: ChangeSet
    }

    /// The net change of one site over a window.
    public struct SiteChanges: Sendable, Codable, Hashable {
        /// The site.
        public var site: Site
        /// The state in effect at the start (the first stored state when the site is newer).
        public var from: State?
        /// The state in effect at the end.
        public var to: State?
        /// Entries added, removed and modified between the two.
        public var changes: ChangeSet
        /// Suspect changes after `to`, not yet confirmed.
        public var held: [Held]
        /// Why the window has no comparison, or how it was adjusted.
        public var note: String?
    }

    /// One stored change set with the time it was detected (`monitor diff --events`).
    public struct Event: Sendable, Codable, Hashable {
        /// The site.
        public var site: Site.ID
        /// When the check that found it ran.
        public var detectedAt: Date
        /// The changes it found.
        public var changes: ChangeSet
        /// True while held as suspect.
        public var isHeld: Bool
    }

    /// The net change between the state in effect at `start` and the state at `end`: a change
    /// made and undone inside the window does not appear.
    ///
    /// - Parameters:
    ///   - site: The site.
    ///   - store: The store.
    ///   - start: The start of the window.
    ///   - end: The end of the window.
    ///   - kinds: The kinds to report.
    /// - Returns: The two states compared, their changes, and suspect changes still held.
    /// - Throws: ``StoreError`` when the store cannot be read.
    public static func netChanges(
        of site: Site,
        in store: SnapshotStore,
        from start: Date,
        to end: Date,
        kinds: Set<EntryKind>
    ) async throws -> SiteChanges {
        var result = SiteChanges(site: site, changes: ChangeSet(), held: [])
        guard let last = try await store.lastGoodSnapshot(of: site.id, atOrBefore: end), let lastHash = last.contentHash
        else {
            result.note =
                "no good snapshot of this site by \(end.iso8601) (every check so far failed or was unreadable)"
            return result
        }
        var first = try await store.lastGoodSnapshot(of: site.id, atOrBefore: start)
        if first == nil {
            first = try await store.snapshots(of: site.id, from: start, to: end).first { $0.outcome.isGood }
            if let first { result.note = "first snapshot \(first.fetchedAt.iso8601), after the start of the window" }
        }
        guard let first, let firstHash = first.contentHash else { return result }
        result.from = State(at: first.fetchedAt, hash: firstHash)
        result.to = State(at: last.fetchedAt, hash: lastHash)
        if firstHash != lastHash, let old = try await store.entries(ofBody: firstHash),
            let new = try await store.entries(ofBody: lastHash)
        {
            result.changes = ChangeSet(from: old, to: new).filtered(to: kinds)
        }
        for held in try await store.changeSets(of: site.id, from: last.fetchedAt, to: end) where held.isHeld {
            let changes = held.changes.filtered(to: kinds)
            if !changes.isEmpty { result.held.append(Held(detectedAt: held.detectedAt, changes: changes)) }
        }
        return result
    }

    /// Every stored change set detected inside the window, oldest first.
    public static func events(
        of site: Site,
        in store: SnapshotStore,
        from start: Date,
        to end: Date,
        kinds: Set<EntryKind>
    ) async throws -> [Event] {
        try await store.changeSets(of: site.id, from: start, to: end).compactMap { stored in
            let changes = stored.changes.filtered(to: kinds)
            guard !changes.isEmpty, stored.detectedAt > start else { return nil }
            return Event(site: site.id, detectedAt: stored.detectedAt, changes: changes, isHeld: stored.isHeld)
        }
    }
}
