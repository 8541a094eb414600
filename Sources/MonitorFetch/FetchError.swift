import MonitorCore

/// Why a fetch produced no page.
public struct FetchError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The URL is not an absolute http or https URL.
        case invalidURL
        /// No complete answer within the time limit.
        case timedOut(after: Duration)
        /// The server answered with a status that carries no page.
        case httpStatus(Int)
        /// The body (after decompression) is larger than the limit.
        case bodyTooLarge(limit: Int)
        /// The body does not decompress as its `Content-Encoding` (gzip or deflate) says it should.
        case undecodableBody(encoding: String)
        /// A redirect points at a scheme other than http or https (`file:`, `ftp:`), which is not followed.
        case redirectRefused(to: String)
        /// Connection, TLS, redirect or protocol failure.
        case transport
    }

    /// What went wrong.
    public var code: Code
    /// The URL that was fetched.
    public var url: String
    /// The underlying error, if any.
    public var underlying: (any Error)?
    /// How long the server asked us to wait (`Retry-After` on a 429 or 503).
    public var retryAfter: Duration?

    /// Creates an error.
    public init(_ code: Code, url: String, underlying: (any Error)? = nil, retryAfter: Duration? = nil) {
        self.code = code
        self.url = url
        self.underlying = underlying
        self.retryAfter = retryAfter
    }

    /// The HTTP status, when the server answered.
    public var httpStatus: Int? {
        if case .httpStatus(let status) = code { return status }
        return nil
    }

    /// One line a person can act on.
    public var description: String {
        switch code {
        case .invalidURL:
            // Name what is wrong ("the port 99999 is not between 1 and 65535"), not only that something is.
            "\(url): \(Site.urlProblem(url) ?? "not an http or https URL"); give a full address such as "
                + "https://example.edu/"
        case .timedOut(let limit):
            "\(url): no complete answer within \(limit); the server may be slow or down, try again later"
        case .httpStatus(let status):
            "\(url): the server answered HTTP \(status)" + (retryAfter.map(Self.wait) ?? "")
        case .bodyTooLarge(let limit):
            "\(url): the page is larger than the \(limit)-byte limit; if it is genuine, raise --max-body "
                + "(max_body_bytes in the config)"
        case .undecodableBody(let encoding):
            "\(url): the body sent as Content-Encoding: \(encoding) does not decompress; the server sent damaged "
                + "data, try again later"
        case .redirectRefused(let target):
            "\(url): redirects to \(target); only http and https redirects are followed"
        case .transport:
            "\(url): could not fetch the page: \(underlying.map(TransportReason.of) ?? "connection failed"); "
                + "check the address and that the server is up"
        }
    }

    /// The `Retry-After` clause: the wait asked for, or, from a day on, that a day is the most honoured.
    private static func wait(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        return seconds >= RetryAfter.longest
            ? "; it asks to wait a day or more, so the next try is in a day (the longest wait honoured)"
            : "; it asks to wait \(seconds) s before trying again"
    }
}
