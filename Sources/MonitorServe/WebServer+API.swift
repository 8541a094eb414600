import Foundation
import Hummingbird
import MonitorCore
import MonitorStore

/// `/api/v1/`: sites, snapshots, changes and webhook deliveries as JSON; the OpenAPI document
/// (``OpenAPIDocument``) describes each route and its answers.
extension WebServer {
    /// A site with its summary, as `/api/v1/sites` lists it.
    struct SiteJSON: Encodable {
        struct Check: Encodable {
            var at: Date
            var outcome: String
            var message: String?
        }
        struct Entries: Encodable {
            var publications: Int
            var talks: Int
            var members: Int
        }
        var id: String
        var url: String
        var lastCheck: Check?
        var entries: Entries?
        var lastChange: Date?
        var consecutiveFailures: Int
        var checks: [String: Int]

        init(_ summary: SnapshotStore.SiteSummary) {
            id = summary.site.id.rawValue
            url = summary.site.url
            lastCheck = summary.lastCheck.map {
                Check(at: $0.fetchedAt, outcome: $0.outcome.rawValue, message: $0.message)
            }
            entries = summary.lastGood.map {
                Entries(publications: $0.publications ?? 0, talks: $0.talks ?? 0, members: $0.members ?? 0)
            }
            lastChange = summary.lastChange
            consecutiveFailures = summary.consecutiveFailures
            checks = Dictionary(uniqueKeysWithValues: summary.checks.map { ($0.key.rawValue, $0.value) })
        }
    }

    /// A webhook message's delivery state: never its body's signature, nor any secret.
    struct DeliveryJSON: Encodable {
        var id: Int64
        var messageID: String
        var endpoint: String
        var site: String
        var createdAt: Date
        var state: String
        var nextAttemptAt: Date?
        var attempts: [Delivery.Attempt]

        init(_ delivery: Delivery) {
            id = delivery.id
            messageID = delivery.messageID
            endpoint = delivery.endpoint
            site = delivery.siteID.rawValue
            createdAt = delivery.createdAt
            state = delivery.status.rawValue
            nextAttemptAt = delivery.nextAttemptAt
            attempts = delivery.attempts
        }
    }

    func addAPIRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/openapi.json") { _, _ in
            Self.response(OpenAPIDocument.json, type: "application/json")
        }
        router.get("/api/v1/sites") { request, _ in
            let answer = try await cached(request) {
                AnswerCache.Answer(
                    body: try Self.encoded(["sites": try await store.siteSummaries().map(SiteJSON.init)])
                )
            }
            return Self.response(bytes: answer.bytes, type: "application/json")
        }
        router.get("/api/v1/sites/:id") { _, context in
            let site = try await knownSite(context.parameters.get("id"))
            return try Self.json(SiteJSON(try await store.summary(of: site)))
        }
        router.get("/api/v1/sites/:id/snapshots") { request, context in
            let site = try await knownSite(context.parameters.get("id"))
            let limit = try Self.limit(request, default: 100, maximum: 10_000)
            let window = try changeWindow(request)
            let snapshots = try await store.snapshots(of: site.id, from: window.since, to: window.until)
            return try Self.json(["snapshots": Array(snapshots.suffix(limit).reversed())])
        }
        router.get("/api/v1/changes") { request, _ in
            let window = try changeWindow(request)
            let kinds = try Self.kinds(request.uri.queryParameters.get("kind"))
            let sites: [Site] =
                if let id = request.uri.queryParameters.get("site") {
                    [try await knownSite(id)]
                } else {
                    try await store.sites()
                }
            let report = try await ChangeReport.load(
                from: store,
                sites: sites,
                since: window.since,
                until: window.until,
                kinds: kinds
            )
            return Self.response(
                report.json(),
                type: "application/json"
            )
        }
        router.get("/api/v1/deliveries") { request, _ in
            let limit = try Self.limit(request, default: 200, maximum: 10_000)
            return try Self.json(["deliveries": try await store.deliveries(limit: limit).map(DeliveryJSON.init)])
        }
    }

    /// `?since=` (default: last week) and `?until=` (default: now), resolved against the server's clock.
    func changeWindow(_ request: Request) throws -> (since: Date, until: Date) {
        let now = now()
        func time(_ name: String, default value: Date) throws -> Date {
            guard let text = request.uri.queryParameters.get(name) else { return value }
            guard let reference = TimeReference(text) else {
                throw Problem.badRequest(
                    "\(name) takes \(TimeReference.acceptedForms); got '\(text.prefix(40))'"
                )
            }
            return reference.date(relativeTo: now)
        }
        let since = try time("since", default: now.addingTimeInterval(-7 * 86_400))
        let until = try time("until", default: now)
        guard since <= until else {
            throw Problem.badRequest("since (\(since.iso8601)) is after until (\(until.iso8601)); swap them")
        }
        return (since, until)
    }

    /// `?kind=publication,talk`: the kinds to report (default: all).
    static func kinds(_ text: String?) throws -> Set<EntryKind> {
        guard let text else { return Set(EntryKind.allCases) }
        let (kinds, unknown) = EntryKind.kinds(inList: text)
        if let unknown {
            throw Problem.badRequest(
                "'\(unknown.prefix(40))' is not a kind; use publication, talk or member (comma-separated)"
            )
        }
        return kinds
    }

    static func json(_ value: some Encodable) throws -> Response {
        response(try encoded(value), type: "application/json")
    }

    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try ChangeReport.encoder().encode(value), as: UTF8.self) + "\n"
    }
}
