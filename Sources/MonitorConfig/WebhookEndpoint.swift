import Foundation

/// One webhook endpoint from `[[webhooks]]`: where change notifications are POSTed.
public struct WebhookEndpoint: Sendable, Equatable {
    /// The message shape.
    public enum Format: String, Sendable, CaseIterable {
        /// The documented `homepage.changed` JSON event (the default).
        case json
        /// A Slack incoming-webhook message: `{"text": …}`.
        case slack
        /// A Discord webhook message: `{"content": …}`.
        case discord
    }

    /// Every event name: `<kind>.<change>`.
    public static let allEvents: [String] = ["publication", "talk", "member"].flatMap { kind in
        ["added", "modified", "removed"].map { "\(kind).\($0)" }
    }

    /// The events an endpoint gets when it names none: every `*.added` and `publication.modified`.
    public static let defaultEvents: Set<String> = [
        "publication.added", "talk.added", "member.added", "publication.modified",
    ]

    /// The endpoint's name (for `monitor webhook test --endpoint NAME`).
    public var name: String
    /// The URL requests go to.
    public var url: String
    /// Signing secrets, `whsec_<base64>`; the first signs, all sign while a secret is rotated.
    public var secrets: [String]
    /// The events wanted (`publication.added`, …).
    public var events: Set<String>
    /// The site ids wanted; `nil` for every site.
    public var sites: Set<String>?
    /// The message shape.
    public var format: Format

    /// Creates an endpoint.
    public init(
        name: String,
        url: String,
        secrets: [String],
        events: Set<String> = WebhookEndpoint.defaultEvents,
        sites: Set<String>? = nil,
        format: Format = .json
    ) {
        self.name = name
        self.url = url
        self.secrets = secrets
        self.events = events
        self.sites = sites
        self.format = format
    }

    /// True when `secret` is `whsec_` followed by base64 of at least 16 bytes.
    public static func isValidSecret(_ secret: String) -> Bool {
        guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))) else {
            return false
        }
        return key.count >= 16
    }
}
