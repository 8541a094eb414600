import AsyncHTTPClient
import Foundation
import Logging
import MonitorCore
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// Fetches pages over HTTP with firm limits: redirects, time, body size, and an honest User-Agent.
public struct PageFetcher: Sendable {
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

    /// Creates a fetcher.
    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Fetches one page.
    ///
    /// - Parameters:
    ///   - url: An absolute http or https URL.
    ///   - logger: Where fetch details go, at debug level.
    /// - Returns: The final response with its whole body.
    /// - Throws: ``FetchError``; any status other than 2xx is an error.
    public func fetch(_ url: String, logger: Logger) async throws -> FetchResult {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else { throw FetchError(.invalidURL, url: url) }

        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: settings.maxRedirects, allowCycles: false),
            timeout: .init(connect: .nanoseconds(Int64(settings.connectTimeout.nanoseconds))),
            decompression: .enabled(limit: .size(settings.maxBodyBytes))
        )
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await fetch(url, with: client, logger: logger)
            try await client.shutdown()
            return result
        } catch {
            // The fetch already failed; a failure to shut the idle client down adds nothing to act on.
            try? await client.shutdown()
            throw error
        }
    }

    private func fetch(_ url: String, with client: HTTPClient, logger: Logger) async throws -> FetchResult {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: settings.userAgent)
        request.headers.add(name: "Accept", value: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        let deadline = TimeAmount.nanoseconds(Int64(settings.totalTimeout.nanoseconds))
        do {
            let response = try await client.execute(request, timeout: deadline, logger: logger)
            logger.debug("Fetched", metadata: ["http.status": "\(response.status.code)", "url": "\(url)"])
            guard (200..<300).contains(Int(response.status.code)) else {
                throw FetchError(.httpStatus(Int(response.status.code)), url: url)
            }
            let body = try await response.body.collect(upTo: settings.maxBodyBytes)
            return FetchResult(
                status: Int(response.status.code),
                finalURL: response.url?.absoluteString ?? url,
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
        } catch let error as NIOHTTPDecompression.DecompressionError {
            throw FetchError(.bodyTooLarge(limit: settings.maxBodyBytes), url: url, underlying: error)
        } catch {
            throw FetchError(.transport, url: url, underlying: error)
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue + attoseconds / 1_000_000_000
    }
}
