import Foundation
import MonitorCore
import MonitorServe
import MonitorStore
import MonitorTestSupport
import Testing

/// `/api/v1/`: every route answers as the OpenAPI document says, bad input is a 4xx problem.
@Suite struct WebServerAPITests {
    /// Validates the document with openapi-spec-validator, then each answer against its schema.
    static let validator = """
        import json, sys
        from openapi_spec_validator import validate
        from jsonschema import Draft202012Validator
        spec = json.load(open(sys.argv[1]))
        validate(spec)
        for path in sys.argv[2:]:
            name, answer = path.split("=", 1)
            schema = {"$ref": "#/components/schemas/" + name, "components": spec["components"]} if name[0].isupper() \\
                else spec["paths"][name]["get"]["responses"]["200"]["content"]["application/json"]["schema"] | {"components": spec["components"]}
            Draft202012Validator(schema).validate(json.load(open(answer)))
        print("valid")
        """

    @Test func everyRouteAnswersAsTheOpenAPIDocumentSays() async throws {
        let harness = try ServeHarness()
        try await harness.addFailuresAndDelivery()
        let answers = try await harness.withServer { base in
            var answers: [String: Answer] = [:]
            for path in [
                "/api/v1/openapi.json", "/api/v1/sites", "/api/v1/sites/ada", "/api/v1/sites/ada/snapshots",
                "/api/v1/changes?since=2016-01-01", "/api/v1/deliveries",
            ] {
                answers[path] = try await fetch(base + path)
            }
            return answers
        }
        for (path, answer) in answers {
            #expect(answer.status == 200, "\(path): \(answer.body)")
            #expect(answer.headers["content-type"] == "application/json", "\(path)")
        }
        let document = try #require(answers["/api/v1/openapi.json"])
        let spec = try temporaryFile(document.body, name: "openapi.json")
        var checks: [String] = []
        for (schema, path) in [
            ("/api/v1/sites", "/api/v1/sites"), ("Site", "/api/v1/sites/ada"),
            ("/api/v1/sites/{id}/snapshots", "/api/v1/sites/ada/snapshots"),
            ("ChangeReport", "/api/v1/changes?since=2016-01-01"), ("/api/v1/deliveries", "/api/v1/deliveries"),
        ] {
            let body = try #require(answers[path]).body
            checks.append("\(schema)=\(try temporaryFile(body, name: "answer.json").path)")
        }
        #expect(try python(Self.validator, [spec.path] + checks) == "valid\n")
        let documented = try #require(try document.object()["paths"] as? [String: Any]).keys.sorted()
        #expect(
            documented == [
                "/api/v1/changes", "/api/v1/deliveries", "/api/v1/openapi.json", "/api/v1/sites", "/api/v1/sites/{id}",
                "/api/v1/sites/{id}/snapshots",
            ]
        )
    }

    @Test func sitesShowLastCheckCountsAndFailingStreak() async throws {
        let harness = try ServeHarness()
        try await harness.addFailuresAndDelivery()
        let sites = try await harness.withServer { base in try await fetch("\(base)/api/v1/sites") }.object()
        let list = try #require(sites["sites"] as? [[String: Any]])
        #expect(list.compactMap { $0["id"] as? String } == ["ada", "bob"])
        let ada = list[0]
        #expect(ada["entries"] as? [String: Int] == ["publications": 5, "talks": 5, "members": 6])
        #expect(ada["lastChange"] as? String == "2022-03-01T00:00:00Z")
        #expect((ada["lastCheck"] as? [String: Any])?["outcome"] as? String == "unchanged")
        #expect(ada["checks"] as? [String: Int] == ["changed": 5, "unchanged": 1])
        let bob = list[1]
        #expect(bob["consecutiveFailures"] as? Int == 2)
        #expect((bob["lastCheck"] as? [String: Any])?["message"] as? String == "answered HTTP 503")
        #expect(bob["entries"] == nil)
    }

    @Test func changesAreTheJSONOfMonitorDiff() async throws {
        let harness = try ServeHarness()
        let served = try await harness.withServer { base in
            try await fetch("\(base)/api/v1/changes?since=2016-06-01&until=2021-01-01&kind=publication,member").body
        }
        let diff = try CommandRun.run(
            harness.monitor,
            [
                "diff", "--since", "2016-06-01", "--until", "2021-01-01", "--kind", "publication,member", "--format",
                "json", "--state-dir", harness.state.path,
            ]
        )
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(served == diff.stdout)
    }

    @Test func deliveriesShowStateAndAttemptsButNoBody() async throws {
        let harness = try ServeHarness()
        try await harness.addFailuresAndDelivery()
        let answer = try await harness.withServer { base in try await fetch("\(base)/api/v1/deliveries") }
        #expect(!answer.body.contains("never shown"))
        let deliveries = try #require(try answer.object()["deliveries"] as? [[String: Any]])
        #expect(deliveries.count == 1)
        #expect(deliveries.first?["state"] as? String == "pending")
        #expect(deliveries.first?["endpoint"] as? String == "lab-chat")
        #expect((deliveries.first?["attempts"] as? [Any])?.isEmpty == true)
    }

    struct BadRequest: Sendable, CustomTestStringConvertible {
        var path: String
        var method = "GET"
        var status: Int
        var detail: String
        var testDescription: String { "\(method) \(path)" }
    }

    static let badRequests: [BadRequest] = [
        BadRequest(
            path: "/api/v1/changes?since=soonish",
            status: 400,
            detail: "since takes \(TimeReference.acceptedForms); got 'soonish'"
        ),
        BadRequest(
            path: "/api/v1/changes?since=2022-01-01&until=2021-01-01",
            status: 400,
            detail: "since (2022-01-01T00:00:00Z) is after until (2021-01-01T00:00:00Z); swap them"
        ),
        BadRequest(
            path: "/api/v1/changes?kind=papers",
            status: 400,
            detail: "'papers' is not a kind; use publication, talk or member (comma-separated)"
        ),
        BadRequest(
            path: "/api/v1/sites/nobody",
            status: 404,
            detail: "no site 'nobody' in the store; GET /api/v1/sites lists the known ones"
        ),
        BadRequest(
            path: "/api/v1/changes?site=nobody",
            status: 404,
            detail: "no site 'nobody' in the store; GET /api/v1/sites lists the known ones"
        ),
        BadRequest(
            path: "/api/v1/sites/ada/snapshots?limit=0",
            status: 400,
            detail: "limit must be a whole number from 1 to 10000; got '0'"
        ),
        BadRequest(
            path: "/sites/..%2F..%2F..%2Fetc%2Fpasswd/feed.atom",
            status: 404,
            detail: "no site '..%2F..%2F..%2Fetc%2Fpasswd' in the store; GET /api/v1/sites lists the known ones"
        ),
        BadRequest(
            path: "/sites/ada/pages/..%2F..%2Fmonitor.sqlite3",
            status: 404,
            detail: "no archived page '..%2F..%2Fmonitor.sqlite3' of ada; /api/v1/sites/ada/snapshots lists each "
                + "snapshot's contentHash"
        ),
        BadRequest(
            path: "/sites/ada/pages/../../monitor.sqlite3",
            status: 404,
            detail: "nothing at /sites/ada/pages/../../monitor.sqlite3; see /api/v1/openapi.json for the routes"
        ),
        BadRequest(
            path: "/api/v1/nothing-here",
            status: 404,
            detail: "nothing at /api/v1/nothing-here; see /api/v1/openapi.json for the routes"
        ),
        BadRequest(
            path: "/api/v1/sites",
            method: "POST",
            status: 405,
            detail: "POST is not answered at /api/v1/sites; only GET and HEAD are"
        ),
    ]

    @Test(arguments: badRequests) func badInputIsAProblemWithTheFix(_ bad: BadRequest) async throws {
        let harness = try ServeHarness()
        let answer = try await harness.withServer { base in try await fetch(base + bad.path, method: bad.method) }
        #expect(answer.status == bad.status, "\(answer.body)")
        #expect(answer.headers["content-type"] == "application/problem+json")
        let problem = try answer.object()
        #expect(problem["detail"] as? String == bad.detail)
        #expect(problem["status"] as? Int == bad.status)
        #expect(problem["type"] as? String == "about:blank")
    }

    @Test func archivedPageIsServedSandboxedAndOnlyForItsSite() async throws {
        let harness = try ServeHarness()
        let store = try SnapshotStore(directory: harness.state, readOnly: true)
        let hash = try #require(try await store.latestSnapshot(of: "ada")?.contentHash)
        let original = try await store.body(hash)
        let (page, other) = try await harness.withServer { base in
            (try await fetch("\(base)/sites/ada/pages/\(hash)"), try await fetch("\(base)/sites/bob/pages/\(hash)"))
        }
        #expect(page.status == 200)
        #expect(Array(page.body.utf8) == original)
        #expect(page.headers["content-security-policy"] == "sandbox")
        #expect(page.headers["x-content-type-options"] == "nosniff")
        #expect(other.status == 404)
    }

    @Test func tokenIsRequiredWhenConfigured() async throws {
        let harness = try ServeHarness()
        let (without, wrong, right) = try await harness.withServer(token: "s3cret-token") { base in
            (
                try await fetch("\(base)/feed.atom"),
                try await fetch("\(base)/feed.atom", headers: ["Authorization": "Bearer s3cret-tokex"]),
                try await fetch("\(base)/feed.atom", headers: ["Authorization": "Bearer s3cret-token"])
            )
        }
        #expect(without.status == 401)
        #expect(without.headers["www-authenticate"] == "Bearer realm=\"homepage-monitor\"")
        #expect(
            try without.object()["detail"] as? String
                == "send the token from [serve] token_file as 'Authorization: Bearer TOKEN'"
        )
        #expect(wrong.status == 401)
        #expect(right.status == 200)
    }

    @Test func readingLeavesTheStoreUnchanged() async throws {
        let harness = try ServeHarness()
        let database = harness.state.appendingPathComponent(SnapshotStore.databaseName)
        let before = try Data(contentsOf: database)
        try await harness.withServer { base in
            for path in ["/", "/feed.atom", "/api/v1/sites", "/metrics", "/sites/ada", "/changes?since=2016-01-01"] {
                let status = try await fetch(base + path).status
                #expect(status == 200, "\(path)")
            }
        }
        #expect(try Data(contentsOf: database) == before)
    }

    @Test func answersFollowTheStoreWhileServing() async throws {
        let harness = try ServeHarness()
        let state = harness.state
        let (before, after, feedTags) = try await harness.withServer { base in
            let before = try await fetch("\(base)/api/v1/sites").body
            let firstFeed = try await fetch("\(base)/feed.atom")
            // The daemon records a check meanwhile: a new site whose first page has no change set, and a
            // change set of ada's found now.
            let writer = try SnapshotStore(directory: state)
            try await writer.addSite(Site(id: "carol", url: "https://carol.example.org/"))
            let latest = try #require(try await writer.latestSnapshot(of: "ada"))
            try await writer.record(
                Observation(
                    siteID: "ada",
                    fetchedAt: ServeHarness.now,
                    outcome: .changed,
                    body: Array("<html><body><h2>Publications</h2><p>Only one now</p></body></html>".utf8),
                    entries: PageEntries(publications: [Publication(title: "Only one now")]),
                    changeSet: PendingChangeSet(
                        previousSnapshotID: latest.id,
                        changes: ChangeSet(publications: KindChanges(added: [Publication(title: "Only one now")]))
                    )
                )
            )
            let after = try await fetch("\(base)/api/v1/sites").body
            let secondFeed = try await fetch(
                "\(base)/feed.atom",
                headers: ["If-None-Match": firstFeed.headers["etag"] ?? ""]
            )
            return (before, after, (firstFeed.headers["etag"], secondFeed))
        }
        #expect(!before.contains("carol"))
        #expect(after.contains("\"id\" : \"carol\""))
        #expect(feedTags.1.status == 200, "a changed store is a new feed, not a 304")
        #expect(feedTags.1.headers["etag"] != feedTags.0)
        #expect(feedTags.1.body.contains("New paper: Only one now"))
    }
}
