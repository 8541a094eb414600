import Foundation

/// A webhook notification waiting in the durable outbox, written in the same transaction as the
/// change it announces.
public struct OutboxMessage: Sendable, Hashable {
    /// The message id (`webhook-id`), the same on every attempt.
    public var messageID: String
    /// The endpoint's name in the configuration.
    public var endpoint: String
    /// The site the change is on.
    public var siteID: Site.ID
    /// When the change was detected.
    public var createdAt: Date
    /// The request body, ready to sign and send.
    public var body: [UInt8]

    /// Creates a message.
    public init(messageID: String, endpoint: String, siteID: Site.ID, createdAt: Date, body: [UInt8]) {
        self.messageID = messageID
        self.endpoint = endpoint
        self.siteID = siteID
        self.createdAt = createdAt
        self.body = body
    }
}

/// A message in the outbox with its delivery state.
public struct Delivery: Sendable, Hashable, Codable {
    /// Where a delivery stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Not delivered yet; the next attempt is at `nextAttemptAt`.
        case pending
        /// A 2xx answer arrived.
        case delivered
        /// Given up: a 4xx other than 408/429, or every retry used.
        case failed
    }

    /// One attempt.
    public struct Attempt: Sendable, Hashable, Codable {
        /// When it was made.
        public var at: Date
        /// The HTTP status, when an answer came.
        public var status: Int?
        /// The network error, when none came.
        public var error: String?

        /// Creates an attempt record.
        public init(at: Date, status: Int?, error: String?) {
            self.at = at
            self.status = status
            self.error = error
        }
    }

    /// The row id, for `monitor webhook redeliver ID`.
    public var id: Int64
    public var messageID: String
    public var endpoint: String
    public var siteID: Site.ID
    public var createdAt: Date
    public var status: Status
    public var nextAttemptAt: Date?
    public var attempts: [Attempt]
    /// The request body (not in JSON listings).
    public var body: [UInt8]

    private enum CodingKeys: String, CodingKey {
        case id
        case messageID = "message_id"
        case endpoint
        case siteID = "site"
        case createdAt = "created_at"
        case status
        case nextAttemptAt = "next_attempt_at"
        case attempts
    }

    /// Creates a delivery record.
    public init(
        id: Int64,
        messageID: String,
        endpoint: String,
        siteID: Site.ID,
        createdAt: Date,
        status: Status,
        nextAttemptAt: Date?,
        attempts: [Attempt],
        body: [UInt8]
    ) {
        self.id = id
        self.messageID = messageID
        self.endpoint = endpoint
        self.siteID = siteID
        self.createdAt = createdAt
        self.status = status
        self.nextAttemptAt = nextAttemptAt
        self.attempts = attempts
        self.body = body
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        messageID = try container.decode(String.self, forKey: .messageID)
        endpoint = try container.decode(String.self, forKey: .endpoint)
        siteID = try container.decode(Site.ID.self, forKey: .siteID)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        status = try container.decode(Status.self, forKey: .status)
        nextAttemptAt = try container.decodeIfPresent(Date.self, forKey: .nextAttemptAt)
        attempts = try container.decode([Attempt].self, forKey: .attempts)
        body = []
    }
}
