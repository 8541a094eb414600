/// What the delivery worker needs from the network: one signed POST of a message.
///
/// ``WebhookSender`` is the real one; tests give the worker their own to control answers and time.
public protocol WebhookSending: Sendable {
    /// Sends one attempt of a message.
    ///
    /// - Parameters:
    ///   - body: The request body.
    ///   - id: The message id (`webhook-id`), the same on every attempt.
    ///   - url: The endpoint.
    ///   - signer: Signs with the endpoint's secrets.
    ///   - timestamp: This attempt's `webhook-timestamp` (Unix seconds).
    /// - Returns: The status and body, or the network error.
    func send(_ body: [UInt8], id: String, to url: String, signer: WebhookSigner, timestamp: Int64) async
        -> WebhookSender.Response
}

extension WebhookSender: WebhookSending {}
