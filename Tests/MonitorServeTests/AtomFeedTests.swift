import Foundation
import MonitorCore
import MonitorServe
import MonitorTestSupport
import Testing

/// `/feed.atom`, `/sites/ID/feed.atom`, `/feeds.opml` and `monitor feed`, read by feedparser.
@Suite struct AtomFeedTests {
    static let feedparser = """
        import feedparser, json, sys
        feed = feedparser.parse(open(sys.argv[1], 'rb').read())
        print(json.dumps({
            "bozo": int(feed.bozo), "bozo_exception": str(feed.get("bozo_exception", "")),
            "version": feed.version, "title": feed.feed.get("title"),
            "entries": [{"id": e.id, "title": e.title, "link": e.get("link"), "updated": e.updated,
                         "content": e.content[0].value, "type": e.content[0].type} for e in feed.entries]}))
        """

    private func parsed(_ xml: String) throws -> [String: Any] {
        let file = try temporaryFile(xml, name: "feed.atom")
        let output = try python(Self.feedparser, [file.path])
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    @Test func everySiteFeedIsAtomWithReadableEntriesNewestFirst() async throws {
        let harness = try ServeHarness()
        let answer = try await harness.withServer { base in try await fetch("\(base)/feed.atom") }
        #expect(answer.status == 200)
        #expect(answer.headers["content-type"] == "application/atom+xml; charset=utf-8")
        let feed = try parsed(answer.body)
        #expect(feed["bozo"] as? Int == 0, "\(feed["bozo_exception"] ?? "")")
        #expect(feed["version"] as? String == "atom10")
        let entries = try #require(feed["entries"] as? [[String: Any]])
        // The fixture history holds more than 50 changed entries: the default limit applies.
        #expect(entries.count == 50)
        let updated = entries.compactMap { $0["updated"] as? String }
        #expect(updated == updated.sorted(by: >), "newest first")
        #expect(updated.first == "2022-03-01T00:00:00Z")
        let titles = entries.compactMap { $0["title"] as? String }
        #expect(titles.contains { $0.hasPrefix("New paper: ") })
        #expect(titles.allSatisfy { $0.contains(": ") })
        let ids = entries.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count, "ids are unique")
        #expect(ids.allSatisfy { $0.hasPrefix("tag:homepage-monitor,2025:ada/") })
        #expect(entries.allSatisfy { $0["type"] as? String == "text/html" })
    }

    @Test func modificationShowsEachFieldOldAndNew() async throws {
        let harness = try ServeHarness()
        let answer = try await harness.withServer { base in try await fetch("\(base)/sites/ada/feed.atom?limit=500") }
        let entries = try #require(try parsed(answer.body)["entries"] as? [[String: Any]])
        let modified = try #require(entries.first { ($0["title"] as? String)?.contains(" changed: ") == true })
        let content = try #require(modified["content"] as? String)
        #expect(content.contains("<del>") && content.contains("<ins>") && content.contains(" → "), "\(content)")
        #expect(entries.contains { ($0["title"] as? String)?.hasPrefix("New member: ") == true })
        #expect(entries.count < 500)
    }

    @Test func entryIDsAreTheSameAfterReimportingTheHistory() async throws {
        let first = try ServeHarness(label: "serve-a")
        let second = try ServeHarness(label: "serve-b")
        let one = try await first.withServer { base in try await fetch("\(base)/feed.atom?limit=1000").body }
        let two = try await second.withServer { base in try await fetch("\(base)/feed.atom?limit=1000").body }
        let again = try await first.withServer { base in try await fetch("\(base)/feed.atom?limit=1000").body }
        func ids(_ xml: String) throws -> [String] {
            try #require(try parsed(xml)["entries"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        }
        #expect(try ids(one) == ids(two))
        #expect(try ids(one) == ids(again))
        #expect(try ids(one).count > 50)
    }

    @Test func conditionalRequestsAnswerNotModified() async throws {
        let harness = try ServeHarness()
        try await harness.withServer { base in
            let first = try await fetch("\(base)/feed.atom")
            let etag = try #require(first.headers["etag"])
            let lastModified = try #require(first.headers["last-modified"])
            #expect(lastModified == "Tue, 01 Mar 2022 00:00:00 GMT")
            let byTag = try await fetch("\(base)/feed.atom", headers: ["If-None-Match": etag])
            #expect(byTag.status == 304)
            #expect(byTag.body.isEmpty)
            let byDate = try await fetch("\(base)/feed.atom", headers: ["If-Modified-Since": lastModified])
            #expect(byDate.status == 304)
            let stale = try await fetch("\(base)/feed.atom", headers: ["If-None-Match": "\"other\""])
            #expect(stale.status == 200)
            let older = try await fetch(
                "\(base)/feed.atom",
                headers: ["If-Modified-Since": "Mon, 28 Feb 2022 00:00:00 GMT"]
            )
            #expect(older.status == 200)
        }
    }

    @Test func unknownSiteFeedIsAProblem() async throws {
        let harness = try ServeHarness()
        let answer = try await harness.withServer { base in try await fetch("\(base)/sites/nobody/feed.atom") }
        #expect(answer.status == 404)
        #expect(answer.headers["content-type"] == "application/problem+json")
        #expect(try answer.object()["title"] as? String == "Unknown site")
    }

    @Test func opmlListsEverySiteFeed() async throws {
        let harness = try ServeHarness()
        let (base, answer) = try await harness.withServer { base in (base, try await fetch("\(base)/feeds.opml")) }
        #expect(answer.status == 200)
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.fromstring(open(sys.argv[1], 'rb').read())
            print("\\n".join(o.get("xmlUrl") for o in root.iter("outline")))
            """
        let urls = try python(script, [try temporaryFile(answer.body, name: "feeds.opml").path])
        #expect(urls == "\(base)/feed.atom\n\(base)/sites/ada/feed.atom\n")
    }

    @Test func feedCommandWritesTheServedFeed() async throws {
        let harness = try ServeHarness()
        let (base, served) = try await harness.withServer { base in (base, try await fetch("\(base)/feed.atom").body) }
        let out = try Fixture.temporaryDirectory("feed-out").appendingPathComponent("feed.atom")
        let run = try CommandRun.run(
            harness.monitor,
            ["feed", "--state-dir", harness.state.path, "--base-url", base, "--out", out.path]
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOf: out, encoding: .utf8) == served)
        let site = try CommandRun.run(harness.monitor, ["feed", "--state-dir", harness.state.path, "--site", "nobody"])
        #expect(site.status == 1)
        #expect(
            site.stderr == "Error: no site 'nobody' in the store; add it with 'monitor check --site nobody --url URL'\n"
        )
    }
}

/// The titles and ids of change events, from a change set built in the test.
@Suite struct ChangeEventTests {
    @Test func titlesNameTheKindAndWhatChanged() {
        let old = Talk(title: "Sparse Models", venues: "MIT", year: "2023")
        var new = old
        new.venues = "MIT, Stanford"
        let changes = ChangeSet(
            publications: KindChanges(added: [Publication(title: "A Paper")], removed: [Publication(title: "Gone")]),
            talks: KindChanges(modified: [EntryModification(fields: ["venues"], old: old, new: new)]),
            members: KindChanges(added: [Member(name: "Ann")], removed: [Member(name: "Bo")])
        )
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let events = ChangeEvent.events(site: "lab", detectedAt: at, changes: changes)
        #expect(
            events.map(\.title) == [
                "New paper: A Paper", "Paper removed: Gone", "Talk venues changed: Sparse Models", "New member: Ann",
                "Member left: Bo",
            ]
        )
        #expect(events[2].fields == [ChangeEvent.Field(name: "venues", old: "MIT", value: "MIT, Stanford")])
        #expect(events[0].tag.hasPrefix("tag:homepage-monitor,2025:lab/2023-11-14T22:13:20Z/publication/added/"))
        #expect(ChangeEvent.events(site: "lab", detectedAt: at, changes: changes).map(\.tag) == events.map(\.tag))
    }
}
