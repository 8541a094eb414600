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
        /// Connection, TLS, redirect or protocol failure.
        case transport
    }

    /// What went wrong.
    public var code: Code
    /// The URL that was fetched.
    public var url: String
    /// The underlying error, if any.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(_ code: Code, url: String, underlying: (any Error)? = nil) {
        self.code = code
        self.url = url
        self.underlying = underlying
    }

    /// One line a person can act on.
    public var description: String {
        switch code {
        case .invalidURL:
            "\(url): not an http or https URL; give a full address such as https://example.edu/"
        case .timedOut(let limit):
            "\(url): no complete answer within \(limit); the server may be slow or down, try again later"
        case .httpStatus(let status):
            "\(url): the server answered HTTP \(status)"
        case .bodyTooLarge(let limit):
            "\(url): the page is larger than the \(limit)-byte limit; raise the limit if it is genuine"
        case .transport:
            "\(url): could not fetch the page: \(underlying.map { String(describing: $0) } ?? "connection failed"); "
                + "check the address and that the server is up"
        }
    }
}
