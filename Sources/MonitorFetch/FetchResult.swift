import Foundation

/// One page as fetched: its body and the headers that matter to the monitor.
public struct FetchResult: Sendable {
    /// The HTTP status of the final response: 2xx, or 304 for a conditional request that matched.
    public var status: Int
    /// The URL that answered, after redirects.
    public var finalURL: String
    /// The decoded body (gzip and deflate undone); empty for a 304.
    public var body: [UInt8]
    /// The `Content-Type` header, if any.
    public var contentType: String?
    /// The `ETag` header, if any.
    public var etag: String?
    /// The `Last-Modified` header, if any.
    public var lastModified: String?

    /// True when the server said the page has not changed since the validators sent.
    public var isNotModified: Bool { status == 304 }

    /// Creates a result (fetchers, and the fake ones of tests).
    public init(
        status: Int,
        finalURL: String,
        body: [UInt8],
        contentType: String? = nil,
        etag: String? = nil,
        lastModified: String? = nil
    ) {
        self.status = status
        self.finalURL = finalURL
        self.body = body
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// The validators of the last good snapshot, sent as `If-None-Match` / `If-Modified-Since`.
public struct Validators: Sendable, Hashable {
    /// The `ETag` to send back.
    public var etag: String?
    /// The `Last-Modified` date to send back.
    public var lastModified: String?

    /// Creates validators; `nil` when neither is known.
    public init?(etag: String?, lastModified: String?) {
        guard etag != nil || lastModified != nil else { return nil }
        self.etag = etag
        self.lastModified = lastModified
    }
}
