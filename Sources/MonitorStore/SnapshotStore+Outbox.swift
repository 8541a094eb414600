import Foundation
import MonitorCore

/// The webhook outbox: messages written with the changes they announce, and their attempts.
///
/// Order per endpoint is kept by only ever offering the oldest pending message of each endpoint.
extension SnapshotStore {
    private static let deliveryColumns =
        "id, message_id, endpoint, site_id, created_at, status, next_attempt_at, body"

    private func delivery(_ row: Database.Row) -> Delivery {
        Delivery(
            id: Int64(row.int(0)),
            messageID: row.string(1),
            endpoint: row.string(2),
            siteID: Site.ID(rawValue: row.string(3)),
            createdAt: Date(timeIntervalSince1970: row.double(4)),
            status: Delivery.Status(rawValue: row.string(5)) ?? .pending,
            nextAttemptAt: row.isNull(6) ? nil : Date(timeIntervalSince1970: row.double(6)),
            attempts: [],
            body: row.blob(7)
        )
    }

    private func withAttempts(_ deliveries: [Delivery]) throws -> [Delivery] {
        try deliveries.map { delivery in
            var delivery = delivery
            delivery.attempts = try database.rows(
                "SELECT at, status, error FROM attempts WHERE outbox_id = ? ORDER BY at",
                [.integer(delivery.id)]
            ) {
                Delivery.Attempt(
                    at: Date(timeIntervalSince1970: $0.double(0)),
                    status: $0.isNull(1) ? nil : $0.int(1),
                    error: $0.text(2)
                )
            }
            return delivery
        }
    }

    /// The oldest pending message of each endpoint whose next attempt is due.
    public func dueDeliveries(at now: Date) throws -> [Delivery] {
        let heads = try database.rows(
            "SELECT \(Self.deliveryColumns) FROM outbox WHERE id IN "
                + "(SELECT MIN(id) FROM outbox WHERE status = 'pending' GROUP BY endpoint) ORDER BY id",
            [],
            delivery
        )
        // A millisecond of slack: times make a round trip through SQLite's REAL.
        return try withAttempts(heads.filter { ($0.nextAttemptAt ?? .distantPast) <= now + 0.001 })
    }

    /// When the next pending head is due, if any.
    ///
    /// - Parameter endpoints: Only these endpoints' messages (the configured ones); nil for all.
    /// - Returns: The earliest next attempt, or nil when nothing is pending.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func nextDeliveryTime(endpoints: [String]? = nil) throws -> Date? {
        try database.rows(
            "SELECT endpoint, MIN(next_attempt_at) FROM outbox WHERE id IN "
                + "(SELECT MIN(id) FROM outbox WHERE status = 'pending' GROUP BY endpoint) GROUP BY endpoint",
            []
        ) { row -> (String, Date?) in
            (row.string(0), row.isNull(1) ? nil : Date(timeIntervalSince1970: row.double(1)))
        }
        .filter { endpoints?.contains($0.0) ?? true }
        .compactMap(\.1)
        .min()
    }

    /// Records one attempt and the message's new state, in one transaction.
    ///
    /// - Parameters:
    ///   - id: The outbox row.
    ///   - attempt: What the attempt got.
    ///   - status: The message's state after it.
    ///   - nextAttempt: For a pending message, when to try again.
    /// - Throws: ``StoreError`` when the database cannot be written.
    public func recordAttempt(of id: Int64, _ attempt: Delivery.Attempt, status: Delivery.Status, nextAttempt: Date?)
        throws
    {
        try database.transaction {
            try database.query(
                "INSERT INTO attempts (outbox_id, at, status, error) VALUES (?, ?, ?, ?)",
                [
                    .integer(id), .real(attempt.at.timeIntervalSince1970), attempt.status.map { .int($0) } ?? .null,
                    .optional(attempt.error),
                ]
            )
            try database.query(
                "UPDATE outbox SET status = ?, next_attempt_at = ? WHERE id = ?",
                [.text(status.rawValue), nextAttempt.map { .real($0.timeIntervalSince1970) } ?? .null, .integer(id)]
            )
        }
    }

    /// Every message, newest first (or only failed ones), with its attempts.
    public func deliveries(failedOnly: Bool = false, limit: Int = 200) throws -> [Delivery] {
        let filter = failedOnly ? "WHERE status = 'failed' " : ""
        return try withAttempts(
            database.rows(
                "SELECT \(Self.deliveryColumns) FROM outbox \(filter)ORDER BY id DESC LIMIT ?",
                [.int(limit)],
                delivery
            )
        )
    }

    /// How many messages are pending (waiting for a first or another attempt).
    public func pendingDeliveryCount() throws -> Int {
        try database.rows("SELECT COUNT(*) FROM outbox WHERE status = 'pending'", []) { $0.int(0) }.first ?? 0
    }

    /// One message by row id.
    public func delivery(_ id: Int64) throws -> Delivery? {
        try withAttempts(
            database.rows("SELECT \(Self.deliveryColumns) FROM outbox WHERE id = ?", [.integer(id)], delivery)
        ).first
    }

    /// True when the message is the oldest pending one of its endpoint (the one that may be sent).
    public func isOldestPending(_ id: Int64) throws -> Bool {
        try database.rows(
            "SELECT MIN(o.id) FROM outbox o JOIN outbox m ON m.endpoint = o.endpoint WHERE m.id = ? AND o.status = 'pending'",
            [.integer(id)]
        ) { $0.isNull(0) ? nil : Int64($0.int(0)) }.first == id
    }

    /// Queues a message again (same `webhook-id`), due now.
    ///
    /// - Returns: False when there is no such message.
    public func redeliver(_ id: Int64, at now: Date) throws -> Bool {
        try database.query(
            "UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE id = ?",
            [.real(now.timeIntervalSince1970), .integer(id)]
        )
        return database.changes == 1
    }
}
