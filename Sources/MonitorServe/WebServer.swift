import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MonitorCore
import MonitorStore
import NIOCore
import ServiceLifecycle

/// `monitor serve`: feeds, pages, a JSON API and metrics, all read from the store.
///
/// It never writes: the store is opened read-only, so the server runs beside `monitor run`, keeps
/// answering while the daemon is idle or stopped, and cannot damage state. Every answer to bad
/// input is a 4xx `application/problem+json`; no route reads a file by a name the request gives.
public struct WebServer: Sendable {
    /// Where to listen.
    public var address: ListenAddress
    /// The bearer token every request must present, when the server is reachable from other machines.
    public var token: String?
    let store: SnapshotStore
    let cache = AnswerCache()
    let logger: Logger
    /// The time `since=last-week` and the page's "ago" are reckoned from.
    let now: @Sendable () -> Date

    /// Creates a server over a store.
    ///
    /// - Parameters:
    ///   - store: The store, opened read-only.
    ///   - address: Where to listen.
    ///   - token: The bearer token, or nil for none (loopback only).
    ///   - logger: Where request failures are logged.
    ///   - now: The clock relative times are resolved against.
    /// - Throws: ``ServeError`` for a non-loopback address without a token.
    public init(
        store: SnapshotStore,
        address: ListenAddress,
        token: String?,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        if !address.isLoopback && token == nil { throw ServeError(.exposedWithoutToken(address)) }
        self.store = store
        self.address = address
        self.token = token
        self.logger = logger
        self.now = now
    }

    /// Serves until the task is cancelled or the process gets SIGTERM or SIGINT.
    ///
    /// - Parameter onListening: Called once with the bound port (the one the system chose for port 0).
    /// - Throws: When the address cannot be bound.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let application = Application(
            responder: ServeResponder(server: self, routes: router().buildResponder()),
            configuration: ApplicationConfiguration(
                address: .hostname(address.host, port: address.port),
                serverName: "homepage-monitor"
            ),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        try await application.runService()
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.get("/feed.atom") { request, _ in try await feed(request, site: nil) }
        router.get("/sites/:id/feed.atom") { request, context in
            try await feed(request, site: try await knownSite(context.parameters.get("id")))
        }
        router.get("/feeds.opml") { request, _ in
            Self.response(
                bytes: try await cached(request) { try await opml(request) }.bytes,
                type: "text/x-opml; charset=utf-8"
            )
        }
        router.get("/metrics") { request, _ in
            let text = try await cached(request) { AnswerCache.Answer(body: try await MetricsReport.text(from: store)) }
            return Self.response(bytes: text.bytes, type: "text/plain; version=0.0.4; charset=utf-8")
        }
        addAPIRoutes(to: router)
        addPageRoutes(to: router)
        return router
    }

    // MARK: - Feeds

    private func feed(_ request: Request, site: Site?) async throws -> Response {
        let limit = try Self.limit(request, default: AtomFeed.defaultLimit, maximum: 1000)
        let answer = try await cached(request) {
            let feed = try await AtomFeed.load(from: store, site: site, limit: limit, baseURL: baseURL(of: request))
            return AnswerCache.Answer(body: feed.xml(), lastModified: feed.updated)
        }
        return Self.conditional(request, answer: answer, type: "application/atom+xml; charset=utf-8")
    }

    private func opml(_ request: Request) async throws -> AnswerCache.Answer {
        let base = baseURL(of: request)
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <opml version="2.0">
            <head><title>homepage-monitor feeds</title></head>
            <body>
            <outline text="Every site" type="rss" xmlUrl="\(Markup.escaped(base))/feed.atom"/>

            """
        for site in try await store.sites() {
            let id = Markup.escaped(site.id.rawValue)
            out +=
                "<outline text=\"\(id)\" title=\"\(id)\" type=\"rss\" xmlUrl=\"\(Markup.escaped(base))/sites/\(id)/feed.atom\" "
                + "htmlUrl=\"\(Markup.escaped(site.url))\"/>\n"
        }
        out += "</body>\n</opml>\n"
        return AnswerCache.Answer(body: out)
    }

    /// The answer to this request as rendered at the store's current version, rendering it if needed.
    ///
    /// The key is the host (links in feeds name it) and the path with its query.
    func cached(
        _ request: Request,
        make: @Sendable () async throws -> AnswerCache.Answer
    ) async throws -> AnswerCache.Answer {
        let key = "\(request.head.authority ?? "")\(request.uri.description)"
        return try await cache.answer(key, version: try await store.dataVersion(), make: make)
    }

    // MARK: - Shared parts

    /// The site a path names, or a 404 problem.
    func knownSite(_ id: String?) async throws -> Site {
        let id = id ?? ""
        guard Site.ID.isSlug(id), let site = try await store.site(Site.ID(rawValue: id)) else {
            throw Problem.unknownSite(String(id.prefix(80)))
        }
        return site
    }

    /// `http://HOST` from the request's Host header, for links back to this server.
    func baseURL(of request: Request) -> String {
        let host = request.head.authority ?? address.description
        // A Host header is the client's to choose: keep only what a host and port can hold.
        let safe = host.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) } ? host : address.description
        return "http://\(safe)"
    }

    /// `?limit=`: a whole number from 1 to `maximum`, else a 400 problem.
    static func limit(_ request: Request, default value: Int, maximum: Int) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return value }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw Problem.badRequest("limit must be a whole number from 1 to \(maximum); got '\(text.prefix(40))'")
        }
        return limit
    }

    static func response(_ body: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        response(bytes: ByteBuffer(string: body), type: type, status: status)
    }

    static func response(bytes: ByteBuffer, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: bytes))
    }

    /// A 200 with validators, or a 304 when the client's copy is current.
    ///
    /// The ETag is the body's SHA-256, so it changes exactly when the answer does; `If-None-Match`
    /// wins over `If-Modified-Since` (RFC 9110 §13.2.2).
    static func conditional(_ request: Request, answer: AnswerCache.Answer, type: String) -> Response {
        let etag = answer.etag
        let lastModified = answer.lastModified ?? Date(timeIntervalSince1970: 0)
        var headers = HTTPFields()
        headers[.eTag] = etag
        headers[.lastModified] = HTTPDate.format(lastModified)
        headers[.cacheControl] = "no-cache"
        let notModified: Bool
        if let match = request.headers[.ifNoneMatch] {
            notModified = match.split(separator: ",").contains {
                let tag = $0.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == etag || tag == "W/" + etag
            }
        } else if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse) {
            notModified = lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
        } else {
            notModified = false
        }
        if notModified { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: answer.bytes))
    }
}

/// Checks the bearer token, then answers from the router, turning every error into a problem.
struct ServeResponder<Routes: HTTPResponder>: HTTPResponder where Routes.Context == BasicRequestContext {
    let server: WebServer
    let routes: Routes

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let path = request.uri.path
        if let token = server.token, !Self.authorized(request, token: token) {
            var response = problem(
                Problem(
                    status: .unauthorized,
                    title: "Unauthorized",
                    detail: "send the token from [serve] token_file as 'Authorization: Bearer TOKEN'"
                ),
                path: path
            )
            response.headers[.wwwAuthenticate] = "Bearer realm=\"homepage-monitor\""
            return response
        }
        guard request.method == .get || request.method == .head else {
            var response = problem(
                Problem(
                    status: .methodNotAllowed,
                    title: "Method not allowed",
                    detail: "\(request.method) is not answered at \(path.prefix(200)); only GET and HEAD are"
                ),
                path: path
            )
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        do {
            let response = try await routes.respond(to: request, context: context)
            // The router's own 404 (no route matched) has no body: every answer of ours has a type.
            guard response.status == .notFound, response.headers[.contentType] == nil else { return response }
            return notFound(path)
        } catch let problem as Problem {
            return self.problem(problem, path: path)
        } catch let error as any HTTPResponseError where error.status == .notFound {
            return notFound(path)
        } catch let error as any HTTPResponseError where (400..<500).contains(error.status.code) {
            return problem(
                Problem(
                    status: error.status,
                    title: error.status.reasonPhrase,
                    detail: "the request was not understood"
                ),
                path: path
            )
        } catch {
            server.logger.error("Request failed", error: error, metadata: ["http.path": "\(path)"])
            return problem(
                Problem(
                    status: .serviceUnavailable,
                    title: "Store unavailable",
                    detail: "the store could not be read (\(error)); try again, or run 'monitor archive verify'"
                ),
                path: path
            )
        }
    }

    private func notFound(_ path: String) -> Response {
        problem(.notFound("nothing at \(path.prefix(200)); see /api/v1/openapi.json for the routes"), path: path)
    }

    private func problem(_ problem: Problem, path: String) -> Response {
        WebServer.response(
            problem.json(path: String(path.prefix(200))),
            type: "application/problem+json",
            status: problem.status
        )
    }

    /// Compares the token in constant time, so its prefix cannot be guessed by timing answers.
    static func authorized(_ request: Request, token: String) -> Bool {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { return false }
        let given = Array(header.dropFirst(7).utf8)
        let expected = Array(token.utf8)
        guard given.count == expected.count else { return false }
        return zip(given, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
