import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorNotify
import MonitorSchedule
import MonitorStore
import MonitorTestSupport
import Testing

/// The outbox worker against a real receiver on 127.0.0.1, driven by an explicit clock: no sleeping.
@Suite(.serialized) struct DeliveryWorkerTests {
    static let secret = "whsec_" + Data((0..<32).map { UInt8($0) }).base64EncodedString()
    let server: FixtureServer
    let store: SnapshotStore
    let directory: URL
    let endpoint: WebhookEndpoint
    /// Every test runs at two start times.
    ///
    /// 2023-11-14, years before any run of this suite, and 2041-04-20, years after it. The worker's injected clock (never the real one) keeps every attempt's time what the
    /// test says, so the suite holds whatever today's date is (the 2027 failure of issue 14).
    static let epochs = [Date(timeIntervalSince1970: 1_700_000_000), Date(timeIntervalSince1970: 2_250_000_000)]

    init() async throws {
        server = try FixtureServer()
        directory = try Fixture.temporaryDirectory("outbox")
        store = try SnapshotStore(directory: directory)
        endpoint = WebhookEndpoint(name: "hook", url: server.url("/hook/a"), secrets: [Self.secret])
        try await store.addSite(Site(id: "ada", url: "https://ada.example.edu/"))
    }

    /// Stores a snapshot whose change set is announced by `count` messages to the endpoint.
    private func queue(_ count: Int, at t0: Date) async throws -> [String] {
        let ids = (0..<count).map { _ in WebhookEvent.newID() }
        try await store.record(
            Observation(
                siteID: "ada",
                fetchedAt: t0,
                outcome: .changed,
                body: Array("<html>\(ids)</html>".utf8),
                entries: PageEntries(),
                notifications: ids.map {
                    OutboxMessage(
                        messageID: $0,
                        endpoint: "hook",
                        siteID: "ada",
                        createdAt: t0,
                        body: Array("{\"id\":\"\($0)\"}".utf8)
                    )
                }
            )
        )
        return ids
    }

    private func worker(at t0: Date) -> DeliveryWorker {
        DeliveryWorker(
            store: store,
            endpoints: [endpoint],
            sender: WebhookSender.shared,
            logger: Logger(label: "test"),
            now: { [t0] in t0 }
        )
    }

    /// The webhook requests the receiver got: (webhook-id, timestamp) in arrival order, each signature checked.
    private func received() throws -> [(id: String, timestamp: Int64)] {
        let signer = try WebhookSigner(secrets: [Self.secret])
        return try server.log().requests.filter { ($0["path"] as? String)?.hasPrefix("/hook/") == true }.map {
            request in
            let headers = request["headers"] as? [String: String] ?? [:]
            let id = headers["webhook-id"] ?? ""
            let timestamp = Int64(headers["webhook-timestamp"] ?? "") ?? 0
            let body = Array((request["body"] as? String ?? "").utf8)
            #expect(signer.verify(id: id, timestamp: timestamp, body: body, header: headers["webhook-signature"] ?? ""))
            #expect(headers["content-type"] == "application/json")
            return (id, timestamp)
        }
    }

    @Test(arguments: Self.epochs) func deliveredExactlyOnceInOrderWhenTheReceiverIsUp(t0: Date) async throws {
        let ids = try await queue(3, at: t0)
        let worker = worker(at: t0)
        #expect(await worker.deliverDue(at: t0) == 3)
        #expect(await worker.deliverDue(at: t0 + 3_600) == 0)
        #expect(try received().map(\.id) == ids)
        let statuses = try await store.deliveries().map(\.status)
        #expect(statuses == [.delivered, .delivered, .delivered])
    }

    @Test(arguments: Self.epochs) func receiverDownThenBackGetsEverythingInOrderWithTheSameIDs(t0: Date) async throws {
        let ids = try await queue(2, at: t0)
        let worker = worker(at: t0)
        try server.request("/_hook?status=503", method: "POST")
        #expect(await worker.deliverDue(at: t0) == 1)  // only the oldest is tried: order is kept
        let first = try #require(try await store.deliveries().last)
        #expect(first.status == .pending)
        let retry = try #require(first.nextAttemptAt).timeIntervalSince(t0)
        #expect((4.5...5.5).contains(retry), "first retry after \(retry) s")
        #expect(await worker.deliverDue(at: t0 + 1) == 0)
        #expect(await worker.deliverDue(at: t0 + 6) == 1)  // still down: the 5 min step comes next
        let second = try #require(try await store.delivery(first.id))
        #expect((270...330).contains(try #require(second.nextAttemptAt).timeIntervalSince(t0 + 6)))

        try server.request("/_hook?status=200", method: "POST")
        #expect(await worker.deliverDue(at: t0 + 400) == 2)
        let requests = try received()
        #expect(requests.map(\.id) == [ids[0], ids[0], ids[0], ids[1]])
        let start = Int64(t0.timeIntervalSince1970)
        #expect(requests.map(\.timestamp) == [start, start + 6, start + 400, start + 400])
        #expect(try await store.deliveries().allSatisfy { $0.status == .delivered })
    }

    @Test(arguments: Self.epochs) func goneFailsAtOnceWithoutRetry(t0: Date) async throws {
        _ = try await queue(1, at: t0)
        try server.request("/_hook?status=410", method: "POST")
        let worker = worker(at: t0)
        #expect(await worker.deliverDue(at: t0) == 1)
        #expect(await worker.deliverDue(at: t0 + 86_400) == 0)
        let delivery = try #require(try await store.deliveries().first)
        #expect(delivery.status == .failed)
        #expect(delivery.attempts.map(\.status) == [410])
        #expect(try await store.deliveries(failedOnly: true).count == 1)
    }

    @Test(arguments: Self.epochs) func retriesStopAfterTheScheduleAndAReceiverErrorIsRetried(t0: Date) async throws {
        _ = try await queue(1, at: t0)
        try server.request("/_hook?status=500", method: "POST")
        let worker = worker(at: t0)
        var now = t0
        for _ in 0...DeliveryWorker.retrySchedule.count {
            #expect(await worker.deliverDue(at: now) == 1)
            now += 40_000
        }
        #expect(await worker.deliverDue(at: now) == 0)
        let delivery = try #require(try await store.deliveries().first)
        #expect(delivery.status == .failed)
        #expect(delivery.attempts.count == DeliveryWorker.retrySchedule.count + 1)
    }

    @Test(arguments: Self.epochs) func aNetworkErrorIsRetried(t0: Date) async throws {
        _ = try await queue(1, at: t0)
        let closed = WebhookEndpoint(name: "hook", url: "http://127.0.0.1:9/hook", secrets: [Self.secret])
        let worker = DeliveryWorker(
            store: store,
            endpoints: [closed],
            sender: WebhookSender.shared,
            logger: Logger(label: "test"),
            now: { [t0] in t0 }
        )
        #expect(await worker.deliverDue(at: t0) == 1)
        let delivery = try #require(try await store.deliveries().first)
        #expect(delivery.status == .pending)
        #expect(delivery.attempts.first?.status == nil)
        // Named by what happened, not the HTTP client's type dump (issue 14 review).
        #expect(delivery.attempts.first?.error == "connection refused")
    }

    /// Runs SQL on the store's database file from a second connection (python3's sqlite3 module).
    private func sql(_ statement: String) throws {
        let database = directory.appendingPathComponent(SnapshotStore.databaseName).path
        let run = try CommandRun.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2])",
                database, statement,
            ]
        )
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test(arguments: Self.epochs) func aResultThatCannotBeStoredBacksOffInsteadOfResendingAtOnce(t0: Date) async throws
    {
        let ids = try await queue(1, at: t0)
        // Every outbox update fails, as on a full disk: the 2xx cannot be recorded.
        try sql(
            "CREATE TRIGGER full BEFORE UPDATE ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"
        )
        let worker = worker(at: t0)
        #expect(await worker.deliverDue(at: t0) == 1)
        #expect(await worker.deliverDue(at: t0) == 0)  // not re-sent in a loop
        #expect(await worker.deliverDue(at: t0 + 4) == 0)
        #expect(await worker.deliverDue(at: t0 + 6) == 1)  // backed off like a failed attempt: 5 s, then 5 min
        #expect(await worker.deliverDue(at: t0 + 60) == 0)
        #expect(try await store.deliveries().first?.status == .pending)
        try sql("DROP TRIGGER full;")
        #expect(await worker.deliverDue(at: t0 + 400) == 1)
        #expect(try await store.deliveries().first?.status == .delivered)
        #expect(try received().map(\.id) == [ids[0], ids[0], ids[0]])  // at least once, one webhook-id
    }
}
