import Crypto
import Foundation

/// Signs webhook requests as the Standard Webhooks specification says.
///
/// `webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the
/// base64-decoded part of each `whsec_…` secret; with several secrets (a rotation) the header
/// carries one space-separated signature per secret.
public struct WebhookSigner: Sendable {
    private let keys: [SymmetricKey]

    /// Creates a signer.
    ///
    /// - Throws: ``NotifyError/invalidSecret`` for a secret that is not `whsec_<base64>`.
    public init(secrets: [String]) throws {
        keys = try secrets.map { secret in
            guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))), !key.isEmpty
            else { throw NotifyError.invalidSecret }
            return SymmetricKey(data: key)
        }
    }

    /// The `webhook-signature` header value for one attempt.
    public func signature(id: String, timestamp: Int64, body: [UInt8]) -> String {
        var content = Array("\(id).\(timestamp).".utf8)
        content += body
        return keys.map { key in
            "v1," + Data(HMAC<SHA256>.authenticationCode(for: content, using: key)).base64EncodedString()
        }.joined(separator: " ")
    }

    /// True when `header` holds a valid signature for this request under any of the secrets
    /// (what a receiver does).
    public func verify(id: String, timestamp: Int64, body: [UInt8], header: String) -> Bool {
        let expected = Set(signature(id: id, timestamp: timestamp, body: body).split(separator: " "))
        return header.split(separator: " ").contains { expected.contains($0) }
    }
}

/// Why a notification could not be prepared or sent.
public enum NotifyError: Error, Sendable, CustomStringConvertible {
    /// A secret is not `whsec_<base64>`.
    case invalidSecret

    public var description: String {
        switch self {
        case .invalidSecret: "a webhook secret must be whsec_ followed by base64"
        }
    }
}
