import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorNotify
import MonitorStore
import ServiceLifecycle

/// Sends the outbox's webhook messages: at least once, in order per endpoint, surviving restarts.
///
/// - Only the oldest pending message of an endpoint is ever attempted, so order is kept.
/// - 2xx: delivered. 408, 429, 5xx and network errors: retried after 5 s, 5 min, 30 min, 2 h,
///   5 h, 10 h, 10 h (each ±10 %, never before a `Retry-After`), then failed. Any other status:
///   failed at once.
/// - A message stays `pending` until a 2xx is recorded, so one in flight when the process dies
///   is sent again after the restart, with the same `webhook-id`.
/// - Messages of an endpoint that is no longer configured stay pending (a reload may bring it
///   back); they are never dropped.
public actor DeliveryWorker: Service {
    /// Seconds to wait after the 1st, 2nd, … failed attempt; after the last, the message fails.
    public static let retrySchedule: [TimeInterval] = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000]

    private let store: SnapshotStore
    private var endpoints: [String: WebhookEndpoint]
    private let sender: any WebhookSending
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var isStopping = false
    private var warnedEndpoints: Set<String> = []
    /// Messages whose last attempt could not be recorded (a full disk, a read-only database), by row id.
    ///
    /// Not attempted again before `until`, so an answer that cannot be stored is not re-sent at once in
    /// a loop. Kept in memory only: after a restart the stored state is all there is, and a message whose
    /// 2xx was lost is sent once more with the same `webhook-id` (at least once, as promised).
    private var unrecorded: [Int64: (failures: Int, until: Date)] = [:]

    /// Creates a worker.
    public init(
        store: SnapshotStore,
        endpoints: [WebhookEndpoint],
        sender: any WebhookSending,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.endpoints = Dictionary(uniqueKeysWithValues: endpoints.map { ($0.name, $0) })
        self.sender = sender
        self.logger = logger
        self.now = now
    }

    /// Uses a reloaded configuration's endpoints from now on.
    public func update(endpoints: [WebhookEndpoint]) {
        self.endpoints = Dictionary(uniqueKeysWithValues: endpoints.map { ($0.name, $0) })
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await gracefulShutdown()
                await self.stop()
            }
            // A database query a second finds messages the checks queued; attempts happen as they fall due.
            while !isStopping {
                _ = await deliverDue(at: now())
                try? await Task.sleep(for: .seconds(1))
            }
            group.cancelAll()
        }
    }

    private func stop() { isStopping = true }

    /// Attempts every message that is due, oldest first per endpoint, until none is due.
    ///
    /// - Parameter date: The time to take as now (tests pass their own clock).
    /// - Returns: How many attempts were made.
    @discardableResult
    public func deliverDue(at date: Date) async -> Int {
        var attempts = 0
        while attempts < 1_000 && !isStopping {
            let due: [Delivery]
            do {
                due = try await store.dueDeliveries(at: date)
            } catch {
                logger.error("Outbox not readable", metadata: ["error": "\(error)"])
                return attempts
            }
            var delivered = false
            for message in due where endpoints[message.endpoint] != nil && !isHeldBack(message.id, at: date) {
                // Stopping: the attempt in hand finished; the rest wait for the next start.
                if isStopping { break }
                attempts += 1
                // Each attempt carries its own time: a long backlog must not send stale timestamps.
                if await attempt(message, at: max(date, now())) == .delivered { delivered = true }
            }
            for message in due where endpoints[message.endpoint] == nil && !warnedEndpoints.contains(message.endpoint) {
                warnedEndpoints.insert(message.endpoint)
                logger.warning(
                    "Notifications wait: their endpoint is not in the configuration (kept until it is again)",
                    metadata: ["webhook.endpoint": "\(message.endpoint)"]
                )
            }
            // Only a delivery can make the next message of an endpoint due in the same pass.
            if !delivered { break }
        }
        return attempts
    }

    /// Attempts one message now, if it is the oldest pending one of its endpoint (order is kept).
    ///
    /// - Returns: False when an older message of the same endpoint must go first.
    public func deliver(_ id: Int64, at date: Date) async throws -> Bool {
        guard let message = try await store.delivery(id) else { return false }
        guard try await store.isOldestPending(id) else { return false }
        _ = await attempt(message, at: date)
        return true
    }

    /// Whether a message is waiting out an attempt that could not be recorded.
    private func isHeldBack(_ id: Int64, at date: Date) -> Bool {
        guard let hold = unrecorded[id] else { return false }
        return hold.until > date
    }

    private func attempt(_ message: Delivery, at date: Date) async -> Delivery.Status {
        var metadata: Logger.Metadata = [
            "webhook.endpoint": "\(message.endpoint)", "webhook.id": "\(message.messageID)",
            "site.id": "\(message.siteID)",
        ]
        guard let endpoint = endpoints[message.endpoint], let signer = try? WebhookSigner(secrets: endpoint.secrets)
        else {
            logger.warning("Notification not sent: its endpoint is not configured", metadata: metadata)
            return .pending
        }
        let response = await sender.send(
            message.body,
            id: message.messageID,
            to: endpoint.url,
            signer: signer,
            timestamp: Int64(date.timeIntervalSince1970)
        )
        let attempt = Delivery.Attempt(at: date, status: response.status, error: response.error)
        let number = message.attempts.count + 1
        let status: Delivery.Status
        var next: Date?
        switch response.status {
        case .some(200..<300):
            status = .delivered
        case nil, .some(408), .some(429), .some(500..<600):
            if number > Self.retrySchedule.count {
                status = .failed
            } else {
                status = .pending
                let wait = Self.retrySchedule[number - 1] * Double.random(in: 0.9...1.1)
                next = date + max(wait, Double(min(response.retryAfter ?? 0, 86_400)))
            }
        default:
            status = .failed
        }
        do {
            try await store.recordAttempt(of: message.id, attempt, status: status, nextAttempt: next)
            unrecorded[message.id] = nil
        } catch {
            // Backs off like a failed attempt: the message stays pending in the store and goes again later.
            let failures = (unrecorded[message.id]?.failures ?? 0) + 1
            let wait = Self.retrySchedule[min(failures, Self.retrySchedule.count) - 1]
            unrecorded[message.id] = (failures, date + wait)
            metadata["retry.at"] = "\((date + wait).iso8601)"
            metadata["error"] = "\(error)"
            logger.error("Delivery attempt not recorded; the message is sent again later", metadata: metadata)
            return .pending
        }
        metadata["http.status"] = "\(response.status.map(String.init) ?? "none")"
        metadata["attempt"] = "\(number)"
        if let error = response.error { metadata["error"] = "\(error)" }
        switch status {
        case .delivered: logger.notice("Notification delivered", metadata: metadata)
        case .pending:
            metadata["retry.at"] = "\(next.map(\.iso8601) ?? "")"
            logger.info("Notification not delivered; will retry", metadata: metadata)
        case .failed: logger.warning("Notification failed; not retried", metadata: metadata)
        }
        return status
    }
}
