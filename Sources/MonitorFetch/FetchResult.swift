import Foundation

/// One page as fetched: its body and the headers that matter to the monitor.
public struct FetchResult: Sendable {
    /// The HTTP status of the final response.
    public var status: Int
    /// The URL that answered, after redirects.
    public var finalURL: String
    /// The decoded body (gzip and deflate undone).
    public var body: [UInt8]
    /// The `Content-Type` header, if any.
    public var contentType: String?
    /// The `ETag` header, if any.
    public var etag: String?
    /// The `Last-Modified` header, if any.
    public var lastModified: String?
}
