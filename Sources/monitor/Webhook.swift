import ArgumentParser
import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorNotify
import MonitorSchedule
import MonitorStore

/// `monitor webhook`: try endpoints and inspect deliveries.
struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Send a test notification, list deliveries, or send one again.",
        subcommands: [Test.self, List.self, Redeliver.self]
    )

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Send a signed sample event and print the response.",
            discussion: """
                To a configured endpoint (--endpoint NAME), or to one not configured yet (--url URL \
                --secret whsec_…). Exits 0 on a 2xx answer, 1 otherwise.
                """
        )

        @OptionGroup var configOptions: ConfigOptions

        @Option(help: ArgumentHelp("A [[webhooks]] name from the configuration.", valueName: "name"))
        var endpoint: String?

        @Option(help: ArgumentHelp("An endpoint URL (with --secret).", valueName: "url"))
        var url: String?

        @Option(help: ArgumentHelp("The signing secret for --url: whsec_ and base64.", valueName: "secret"))
        var secret: String?

        func validate() throws {
            switch (endpoint, url, secret) {
            case (.some, nil, nil): break
            case (nil, .some, .some(let secret)):
                guard WebhookEndpoint.isValidSecret(secret) else {
                    throw ValidationError("--secret must be whsec_ followed by base64 of at least 16 bytes")
                }
            case (nil, .some, nil): throw ValidationError("--url needs --secret whsec_… to sign the request")
            default: throw ValidationError("give --endpoint NAME, or --url URL --secret whsec_…")
            }
        }

        func run() async throws {
            let target: WebhookEndpoint
            var site = Site(id: "example", url: "https://example.edu/~someone/")
            if let endpoint {
                let configuration = try configOptions.load()
                guard let configured = configuration.webhooks.first(where: { $0.name == endpoint }) else {
                    let names = configuration.webhooks.map(\.name).joined(separator: ", ")
                    throw CommandError(
                        "no webhook '\(endpoint)' in \(configuration.source)"
                            + (names.isEmpty ? "; add a [[webhooks]] section" : "; configured: \(names)")
                    )
                }
                target = configured
                if let first = configuration.sites.first { site = first.site }
            } else {
                target = WebhookEndpoint(name: "test", url: url ?? "", secrets: [secret ?? ""])
            }
            let now = Date()
            let sample = ChangeSet(
                publications: KindChanges(added: [
                    Publication(
                        title: "A Sample Paper Sent by monitor webhook test",
                        authors: ["Ada Lindqvist"],
                        byline: "Ada Lindqvist",
                        venue: "Test Venue",
                        year: "2026",
                        url: "https://example.edu/sample.pdf"
                    )
                ])
            )
            let event = WebhookEvent(
                id: WebhookEvent.newID(),
                site: site,
                detectedAt: now,
                previous: nil,
                current: WebhookEvent.SnapshotRef(fetchedAt: now, hash: String(repeating: "0", count: 64)),
                changes: sample
            )
            let signer = try WebhookSigner(secrets: target.secrets)
            let sender = WebhookSender.shared
            let started = ContinuousClock.now
            let response = await sender.send(
                try event.body(format: target.format.rawValue),
                id: event.id,
                to: target.url,
                signer: signer,
                timestamp: Int64(now.timeIntervalSince1970)
            )
            let elapsed = ContinuousClock.now - started
            let milliseconds =
                elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            guard let status = response.status else {
                throw CommandError("\(target.url): no answer: \(response.error ?? "network error"); check the URL")
            }
            print("POST \(target.url) (webhook-id \(event.id)) → HTTP \(status) in \(milliseconds) ms")
            if !response.body.isEmpty { print(response.body) }
            guard (200..<300).contains(status) else {
                throw CommandError("\(target.url) answered HTTP \(status); a 2xx means delivered")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List notifications (newest first) and their delivery attempts."
        )

        @OptionGroup var store: StoreOptions

        @Flag(help: "Only notifications that failed for good.")
        var failed = false

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() async throws {
            let snapshots = try store.openExisting()
            let deliveries = try await snapshots.deliveries(failedOnly: failed)
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                print(String(decoding: try encoder.encode(deliveries), as: UTF8.self))
                return
            }
            if deliveries.isEmpty { print(failed ? "No failed notifications." : "No notifications yet.") }
            for delivery in deliveries {
                var line =
                    "\(delivery.id)  \(delivery.createdAt.iso8601)  \(delivery.endpoint)  \(delivery.siteID)  "
                line += "\(delivery.status.rawValue)  \(delivery.attempts.count) attempt(s)"
                if let last = delivery.attempts.last {
                    line += "; last: " + (last.status.map { "HTTP \($0)" } ?? (last.error ?? "no answer"))
                }
                if delivery.status == .pending, let next = delivery.nextAttemptAt {
                    line += "; next \(next.iso8601)"
                }
                print(line)
            }
        }
    }

    struct Redeliver: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "redeliver",
            abstract: "Send a notification again now (same webhook-id), whatever its state."
        )

        @OptionGroup var store: StoreOptions
        @OptionGroup var configOptions: ConfigOptions

        @Argument(help: "The notification's id from 'monitor webhook list'.")
        var id: Int64

        func run() async throws {
            let snapshots = try store.openWritable()
            // A running `monitor run` (or check) holds the state directory and delivers the outbox itself:
            // then queue only, so the message is never sent by two processes at once.
            var lock: StateLock?
            var holder: (pid: Int32?, command: String?)?
            do {
                lock = try StateLock.acquire(directory: store.directory, command: "webhook redeliver")
            } catch StoreError.locked(_, let pid, let command) {
                holder = (pid, command)
            }
            defer { withExtendedLifetime(lock) {} }
            let now = Date()
            guard try await snapshots.redeliver(id, at: now) else {
                throw CommandError("no notification \(id); see 'monitor webhook list'")
            }
            if let holder {
                let who = "monitor \(holder.command ?? "run")" + (holder.pid.map { " (PID \($0))" } ?? "")
                print("\(id): queued again; the running \(who) sends it")
                return
            }
            let configuration = try configOptions.load()
            let endpoint = try await snapshots.delivery(id)?.endpoint
            guard configuration.webhooks.contains(where: { $0.name == endpoint }) else {
                throw CommandError(
                    "notification \(id) is queued again, but its endpoint is not in \(configuration.source); "
                        + "'monitor run' sends it once the endpoint is configured"
                )
            }
            let worker = DeliveryWorker(
                store: snapshots,
                endpoints: configuration.webhooks,
                sender: WebhookSender.shared,
                logger: Logger(label: "monitor.webhook")
            )
            let sent = try await worker.deliver(id, at: now)
            guard let delivery = try await snapshots.delivery(id) else { return }
            if sent {
                let last = delivery.attempts.last.map { $0.status.map { "HTTP \($0)" } ?? ($0.error ?? "no answer") }
                print("\(delivery.id): \(delivery.status.rawValue) (\(last ?? "not sent"))")
            } else {
                print(
                    "\(delivery.id): queued again; it waits behind an older notification to \(delivery.endpoint), "
                        + "which 'monitor run' sends first"
                )
            }
        }
    }
}
