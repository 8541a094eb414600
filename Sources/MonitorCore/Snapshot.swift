import Foundation

/// One stored check of a site: when, how it went, and which page body it saw.
public struct Snapshot: Sendable, Hashable, Codable {
    /// How a check ended.
    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        /// A page body this site had not shown before (or the first one), extracted.
        case changed
        /// The same body as the last good snapshot (a 200 with identical bytes).
        case unchanged
        /// The server answered 304 to the conditional request.
        case notModified = "not-modified"
        /// A body arrived but yielded no entries (not HTML, an error page, a redesign); archived for
        /// inspection, never a baseline for changes.
        case unreadable
        /// A body whose entries fell by more than the suspect threshold (an error page served with
        /// 200, a broken redesign): its changes are held until the next check confirms them.
        case suspect
        /// No page: a network error, a timeout, a status other than 2xx or 304, a body over the limit.
        case failed

        /// True when the snapshot shows the site's entries: a baseline for the next check.
        public var isGood: Bool { self == .changed || self == .unchanged || self == .notModified }
    }

    /// Where the body came from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// A check over HTTP.
        case fetch
        /// `monitor import` from files or git history.
        case `import`
    }

    /// The row id.
    public var id: Int64
    /// The site checked.
    public var siteID: Site.ID
    /// When the check ran (imports: the page's date).
    public var fetchedAt: Date
    /// How it ended.
    public var outcome: Outcome
    /// A fetch or an import.
    public var source: Source
    /// The HTTP status of the final response, if one arrived.
    public var httpStatus: Int?
    /// The validators sent back on the next check; kept only when the body was extracted.
    public var etag: String?
    /// The `Last-Modified` validator; kept only when the body was extracted.
    public var lastModified: String?
    /// SHA-256 of the raw body shown (for a 304, the body it confirmed).
    public var contentHash: String?
    /// Entries of each kind on that body, when it was extracted.
    public var publications: Int?
    /// Talks on the body.
    public var talks: Int?
    /// Members on the body.
    public var members: Int?
    /// For a failed or unreadable check, what went wrong (one line).
    public var message: String?
    /// When the server asked not to be fetched before (`Retry-After`).
    public var retryAt: Date?

    /// Creates a snapshot record.
    public init(
        id: Int64 = 0,
        siteID: Site.ID,
        fetchedAt: Date,
        outcome: Outcome,
        source: Source = .fetch,
        httpStatus: Int? = nil,
        etag: String? = nil,
        lastModified: String? = nil,
        contentHash: String? = nil,
        publications: Int? = nil,
        talks: Int? = nil,
        members: Int? = nil,
        message: String? = nil,
        retryAt: Date? = nil
    ) {
        self.id = id
        self.siteID = siteID
        self.fetchedAt = fetchedAt
        self.outcome = outcome
        self.source = source
        self.httpStatus = httpStatus
        self.etag = etag
        self.lastModified = lastModified
        self.contentHash = contentHash
        self.publications = publications
        self.talks = talks
        self.members = members
        self.message = message
        self.retryAt = retryAt
    }
}
