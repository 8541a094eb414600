import Foundation
import MonitorCore
import MonitorNotify
import Testing

@Suite struct WebhookSignerTests {
    /// The example of the Standard Webhooks specification (its reference libraries' test vector).
    @Test func matchesTheSpecificationsExample() throws {
        let signer = try WebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let signature = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body)
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func rotationSignsWithEverySecretAndVerifiesWithAny() throws {
        let old = "whsec_" + Data(repeating: 1, count: 24).base64EncodedString()
        let new = "whsec_" + Data(repeating: 2, count: 24).base64EncodedString()
        let both = try WebhookSigner(secrets: [new, old])
        let header = both.signature(id: "msg_1", timestamp: 10, body: [1, 2, 3])
        #expect(header.split(separator: " ").count == 2)
        #expect(try WebhookSigner(secrets: [old]).verify(id: "msg_1", timestamp: 10, body: [1, 2, 3], header: header))
        #expect(
            !(try WebhookSigner(secrets: [old]).verify(id: "msg_1", timestamp: 11, body: [1, 2, 3], header: header))
        )
        #expect(throws: NotifyError.self) { try WebhookSigner(secrets: ["plain-secret"]) }
    }

    @Test func retryAfterIsReadInSecondsOrAsADate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        #expect(WebhookSender.retryAfterSeconds("120", now: now) == 120)
        #expect(WebhookSender.retryAfterSeconds("Tue, 14 Nov 2023 22:15:20 GMT", now: now) == 120)
        #expect(WebhookSender.retryAfterSeconds("Fri, 01 Jan 2100 00:00:00 GMT", now: now) == 86_400)
        #expect(WebhookSender.retryAfterSeconds("99999999999999999999999", now: now) == 86_400)
        #expect(WebhookSender.retryAfterSeconds("soon", now: now) == nil)
    }

    @Test func eventsAreFilteredPerEndpoint() throws {
        let changes = ChangeSet(
            publications: KindChanges(added: [Publication(title: "P")], removed: [Publication(title: "Q")]),
            members: KindChanges(added: [Member(name: "M")])
        )
        let filtered = WebhookEvent.changes(changes, events: ["publication.added", "member.removed"])
        #expect(filtered.publications.added.map(\.title) == ["P"])
        #expect(filtered.publications.removed.isEmpty && filtered.members.isEmpty)
        let event = WebhookEvent(
            id: "msg_x",
            site: Site(id: "s", url: "https://s.example/"),
            detectedAt: Date(timeIntervalSince1970: 0),
            previous: nil,
            current: WebhookEvent.SnapshotRef(fetchedAt: Date(timeIntervalSince1970: 0), hash: "ab"),
            changes: filtered
        )
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(event.body(format: "json"))) as? [String: Any]
        )
        #expect(Set(json.keys) == ["type", "id", "site", "detected_at", "snapshot", "changes"])
        #expect(json["type"] as? String == "homepage.changed")
        #expect(json["detected_at"] as? String == "1970-01-01T00:00:00Z")
        let slack = String(decoding: try event.body(format: "slack"), as: UTF8.self)
        #expect(slack.contains("new paper: P"))
    }
}
