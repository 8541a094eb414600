import AsyncHTTPClient
import Foundation
import Logging
import MonitorCore
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// Fetches pages over HTTP with firm limits: redirects, time, body size, and an honest User-Agent.
public final class PageFetcher: Sendable {
    /// The limits and identity every fetch uses.
    public struct Settings: Sendable {
        /// The largest body accepted, after decompression.
        public var maxBodyBytes: Int = 10 << 20
        /// Time allowed to connect.
        public var connectTimeout: Duration = .seconds(10)
        /// Time allowed for the whole request, body included.
        public var totalTimeout: Duration = .seconds(60)
        /// Redirects followed before giving up.
        public var maxRedirects: Int = 5
        /// A URL or e-mail where site owners can reach whoever runs this monitor.
        public var contact: String?

        /// Default limits: 10 MiB, 10 s to connect, 60 s in all, 5 redirects.
        public init() {}

        /// The `User-Agent` header: project, version and a contact.
        public var userAgent: String {
            "homepage-monitor/\(MonitorVersion.current) (+\(contact ?? MonitorVersion.projectURL))"
        }
    }

    private let settings: Settings
    private let client: HTTPClient
    private let gate = HostGate()

    /// Creates a fetcher with its own connection pool; call ``shutdown()`` when done.
    public init(settings: Settings = Settings()) {
        self.settings = settings
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: settings.maxRedirects, allowCycles: false),
            // The read timeout (the longest silence) is the whole limit: a shorter one cut a slow
            // response head at 30 s, reported as the 60 s limit. The race in fetch(_:) still ends
            // the whole exchange at totalTimeout.
            timeout: .init(
                connect: .nanoseconds(Int64(settings.connectTimeout.nanoseconds)),
                read: .nanoseconds(Int64(settings.totalTimeout.nanoseconds))
            ),
            decompression: .enabled(limit: .size(settings.maxBodyBytes))
        )
        // A refused connection fails the fetch at once instead of being retried until the connect
        // timeout; the next check retries the site.
        configuration.connectionPool.retryConnectionEstablishment = false
        // One connection per host, kept alive: the gate sends a host one request at a time anyway, and
        // with the default of 8 the next request often opened a new connection before the last one
        // was handed back (15 connections for 100 checks of one host; a handshake each).
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 1
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connection pool.
    public func shutdown() async {
        // Shutting down an idle pool fails only if it was already shut down: nothing to act on.
        try? await client.shutdown()
    }

    /// Fetches one page with a fetcher of its own, shut down afterwards.
    public static func fetchOnce(_ url: String, settings: Settings = Settings(), logger: Logger) async throws
        -> FetchResult
    {
        let fetcher = PageFetcher(settings: settings)
        do {
            let result = try await fetcher.fetch(url, logger: logger)
            await fetcher.shutdown()
            return result
        } catch {
            await fetcher.shutdown()
            throw error
        }
    }

    /// Fetches one page; requests to one host wait for each other, so a host sees at most one at a time.
    ///
    /// - Parameters:
    ///   - url: An absolute http or https URL.
    ///   - validators: The last good snapshot's `ETag` / `Last-Modified`, sent as a conditional request.
    ///   - logger: Where fetch details go, at debug level.
    /// - Returns: The final response with its whole body, or a 304 with none.
    /// - Throws: ``FetchError``; any status other than 2xx or 304 is an error, with the server's
    ///   `Retry-After` when it sent one.
    public func fetch(_ url: String, validators: Validators? = nil, logger: Logger) async throws -> FetchResult {
        guard Site.urlProblem(url) == nil, let parsed = URL(string: url), let host = parsed.host?.lowercased()
        else { throw FetchError(.invalidURL, url: url) }
        return try await gate.withHost(host) {
            try await self.fetchNow(url, validators: validators, logger: logger)
        }
    }

    /// Runs `work` (reading a body) until `deadline`.
    ///
    /// The client's own deadline covers only the response head, so the body races the rest of the
    /// time limit. A 304 has no body and no race (a task group and a sleeping task per request cost
    /// ~3 % of a 304 pass, issue 15).
    private func withDeadline<T: Sendable>(
        _ deadline: ContinuousClock.Instant,
        url: String,
        _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw FetchError(.timedOut(after: self.settings.totalTimeout), url: url)
            }
            return result
        }
    }

    private func fetchNow(_ url: String, validators: Validators?, logger: Logger) async throws -> FetchResult {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if let etag = validators?.etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified = validators?.lastModified {
            request.headers.add(name: "If-Modified-Since", value: lastModified)
        }
        let deadline = ContinuousClock.now + settings.totalTimeout
        do {
            let response = try await client.execute(
                request,
                timeout: .nanoseconds(Int64(settings.totalTimeout.nanoseconds)),
                logger: logger
            )
            let status = Int(response.status.code)
            logger.debug("Fetched", metadata: ["http.status": "\(status)", "url": "\(url)"])
            let finalURL = response.url?.absoluteString ?? url
            if status == 304 {
                return FetchResult(
                    status: 304,
                    finalURL: finalURL,
                    body: [],
                    contentType: response.headers.first(name: "Content-Type"),
                    etag: response.headers.first(name: "ETag") ?? validators?.etag,
                    lastModified: response.headers.first(name: "Last-Modified") ?? validators?.lastModified
                )
            }
            // The client follows only http(s) redirects and hands any other back as the answer.
            if (300..<400).contains(status), let location = response.headers.first(name: "Location"),
                let target = URL(string: location, relativeTo: URL(string: finalURL))?.absoluteURL,
                let scheme = target.scheme?.lowercased(), scheme != "http", scheme != "https"
            {
                throw FetchError(.redirectRefused(to: target.absoluteString), url: url)
            }
            guard (200..<300).contains(status) else {
                let retryAfter = response.headers.first(name: "Retry-After").flatMap { Self.retryAfter($0) }
                throw FetchError(.httpStatus(status), url: url, retryAfter: retryAfter)
            }
            let body: ByteBuffer
            do {
                let limit = settings.maxBodyBytes
                body = try await withDeadline(deadline, url: url) { try await response.body.collect(upTo: limit) }
            } catch let error as NIOHTTPDecompression.DecompressionError where error != .limit {
                let encoding = response.headers.first(name: "Content-Encoding") ?? "gzip"
                throw FetchError(.undecodableBody(encoding: encoding), url: url, underlying: error)
            } catch let error as NIOHTTPDecompression.ExtraDecompressionError {
                let encoding = response.headers.first(name: "Content-Encoding") ?? "gzip"
                throw FetchError(.undecodableBody(encoding: encoding), url: url, underlying: error)
            }
            return FetchResult(
                status: status,
                finalURL: finalURL,
                body: Array(buffer: body),
                contentType: response.headers.first(name: "Content-Type"),
                etag: response.headers.first(name: "ETag"),
                lastModified: response.headers.first(name: "Last-Modified")
            )
        } catch let error as FetchError {
            throw error
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw FetchError(.timedOut(after: settings.totalTimeout), url: url, underlying: error)
        } catch let error as NIOTooManyBytesError {
            throw FetchError(.bodyTooLarge(limit: settings.maxBodyBytes), url: url, underlying: error)
        } catch let error as NIOHTTPDecompression.DecompressionError where error == .limit {
            throw FetchError(.bodyTooLarge(limit: settings.maxBodyBytes), url: url, underlying: error)
        } catch let error as NIOHTTPDecompression.DecompressionError {
            throw FetchError(.undecodableBody(encoding: "gzip or deflate"), url: url, underlying: error)
        } catch let error as NIOHTTPDecompression.ExtraDecompressionError {
            throw FetchError(.undecodableBody(encoding: "gzip or deflate"), url: url, underlying: error)
        } catch {
            throw FetchError(.transport, url: url, underlying: error)
        }
    }

    /// A `Retry-After` value: delay seconds, or an HTTP date (RFC 9110), as a duration from now.
    ///
    /// - Parameters:
    ///   - value: The header's value.
    ///   - now: The time the answer arrived.
    /// - Returns: The wait, capped at a day (``RetryAfter/longest``); `nil` for a value that is neither form.
    public static func retryAfter(_ value: String, now: Date = Date()) -> Duration? {
        RetryAfter.seconds(value, now: now).map { .seconds($0) }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000
    }
}
