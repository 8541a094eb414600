import AsyncHTTPClient
import Foundation
import Logging
import MonitorCore
import NIOCore
import NIOHTTP1

/// POSTs signed webhook requests (async-http-client, 15 s per request, no redirects).
public final class WebhookSender: Sendable {
    /// What one attempt got back.
    public struct Response: Sendable, Equatable {
        /// The HTTP status, when the server answered.
        public var status: Int?
        /// The start of the response body (up to 512 bytes), for `monitor webhook test`.
        public var body: String
        /// A network error, when no answer came.
        public var error: String?
        /// The server's `Retry-After`, in seconds.
        public var retryAfter: Int64?
    }

    private let client: HTTPClient
    /// The time allowed for one request.
    public static let timeout: Duration = .seconds(15)

    /// The process's sender: one connection pool for the process's life (a pool must be shut
    /// down before it is released, so it never is).
    public static let shared = WebhookSender()

    private init() {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: .seconds(15))
        )
        // The pool would retry a refused connection until the 10 s connect timeout; the delivery
        // schedule retries the message later anyway, so one attempt is one connection attempt.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// A `Retry-After` value in seconds from now (delay seconds, or an HTTP date), at most a day.
    ///
    /// - Parameters:
    ///   - value: The header's value.
    ///   - now: The time the answer arrived.
    /// - Returns: The wait, capped at ``RetryAfter/longest``; `nil` for a value that is neither form.
    public static func retryAfterSeconds(_ value: String, now: Date = Date()) -> Int64? {
        RetryAfter.seconds(value, now: now)
    }

    /// Sends one attempt of a message.
    ///
    /// - Parameters:
    ///   - body: The request body.
    ///   - id: The message id (`webhook-id`), the same on every attempt.
    ///   - url: The endpoint.
    ///   - signer: Signs with the endpoint's secrets.
    ///   - timestamp: This attempt's `webhook-timestamp` (Unix seconds).
    /// - Returns: The status and body, or the network error.
    public func send(_ body: [UInt8], id: String, to url: String, signer: WebhookSigner, timestamp: Int64) async
        -> Response
    {
        // A malformed URL (a port above 65535) would trip the HTTP client's preconditions: refuse it here.
        if let problem = Site.urlProblem(url) {
            return Response(status: nil, body: "", error: "'\(url)' is not a usable http(s) URL (\(problem))")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(
            name: "User-Agent",
            value: "homepage-monitor/\(MonitorVersion.current) (+\(MonitorVersion.projectURL))"
        )
        request.headers.add(name: "webhook-id", value: id)
        request.headers.add(name: "webhook-timestamp", value: "\(timestamp)")
        request.headers.add(
            name: "webhook-signature",
            value: signer.signature(id: id, timestamp: timestamp, body: body)
        )
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .seconds(15))
            // Only the start of the answer is kept; a long body does not make a delivered message "no answer".
            var received: [UInt8] = []
            for try await chunk in response.body {
                received += chunk.readableBytesView.prefix(512 - received.count)
                if received.count >= 512 { break }
            }
            let text = String(decoding: received, as: UTF8.self)
            let retryAfter = response.headers.first(name: "Retry-After").flatMap { Self.retryAfterSeconds($0) }
            return Response(status: Int(response.status.code), body: text, error: nil, retryAfter: retryAfter)
        } catch {
            return Response(status: nil, body: "", error: TransportReason.of(error), retryAfter: nil)
        }
    }
}
