import Foundation
import MonitorStore
import NIOCore

/// Answers already rendered from the store, kept until the store changes.
///
/// The store changes only when the daemon records a check (a few times an hour), while readers and
/// scrapers ask far more often: a page over 100 sites with a year of history each costs some 500
/// indexed queries, a cached copy one `PRAGMA data_version`. Only answers that depend on nothing but
/// the store are cached (not `since=last-week`, which moves with the clock).
actor AnswerCache {
    /// A rendered body and its validators.
    struct Answer: Sendable {
        /// The body, encoded once: every request sends the same storage (a `ByteBuffer` is copy-on-write),
        /// so 32 connections reading a 50 KB page do not make 32 copies of it.
        var bytes: ByteBuffer
        var lastModified: Date?
        /// The body's strong validator: its SHA-256, so it changes exactly when the body does.
        var etag: String

        init(body: String, lastModified: Date? = nil) {
            bytes = ByteBuffer(string: body)
            self.lastModified = lastModified
            etag = "\"\(SnapshotStore.hash(of: Array(body.utf8)).prefix(32))\""
        }
    }

    /// At most this many answers are kept (routes × sites × `limit`s); past it, the oldest half goes.
    private let capacity = 512
    private var version: Int?
    private var answers: [String: (answer: Answer, order: Int)] = [:]
    private var counter = 0

    /// The cached answer for `key` at this store version, or a new one made and kept.
    ///
    /// - Parameters:
    ///   - key: The request's path and query.
    ///   - version: The store's current ``SnapshotStore/dataVersion()``.
    ///   - make: Renders the answer from the store.
    /// - Returns: The answer.
    /// - Throws: What `make` throws (nothing is kept then).
    func answer(_ key: String, version: Int, make: @Sendable () async throws -> Answer) async throws -> Answer {
        if version != self.version {
            answers.removeAll(keepingCapacity: true)
            self.version = version
        }
        if let kept = answers[key] { return kept.answer }
        let made = try await make()
        // Another request may have rendered the same answer meanwhile; either copy is right.
        if answers.count >= capacity {
            let oldest = answers.sorted { $0.value.order < $1.value.order }.prefix(capacity / 2).map(\.key)
            for key in oldest { answers[key] = nil }
        }
        counter += 1
        if self.version == version { answers[key] = (made, counter) }
        return made
    }
}
