import Foundation
import Logging
import MonitorCore
import MonitorFetch
import MonitorSchedule

/// A clock the test moves: `sleep(until:)` returns when the test advances past the deadline.
///
/// `advanceToNextDeadline(sleepers:)` waits (in real time, briefly) until the expected number of
/// tasks sleep on the clock, so the scheduler has finished what the last step started, then jumps
/// to the earliest deadline: each scheduler loop runs exactly at its due time, with no real sleep.
final class VirtualClock: SchedulerClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [UUID: (deadline: Date, continuation: CheckedContinuation<Void, any Error>)] = [:]

    init(_ start: Date) { current = start }

    func now() -> Date { lock.withLock { current } }

    func sleep(until deadline: Date) async throws {
        let id = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                lock.lock()
                if Task.isCancelled {
                    lock.unlock()
                    continuation.resume(throwing: CancellationError())
                } else if deadline <= current {
                    lock.unlock()
                    continuation.resume()
                } else {
                    sleepers[id] = (deadline, continuation)
                    lock.unlock()
                }
            }
        } onCancel: {
            let sleeper = lock.withLock { sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// How many tasks wait on the clock.
    var sleeperCount: Int { lock.withLock { sleepers.count } }

    /// Moves the clock to `date` and wakes every task whose deadline it reaches.
    func advance(to date: Date) {
        let woken = lock.withLock {
            current = max(current, date)
            let due = sleepers.filter { $0.value.deadline <= current }
            for id in due.keys { sleepers[id] = nil }
            return due.values.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Waits until `count` tasks sleep on the clock; false after 10 s of real time.
    func waitForSleepers(_ count: Int) async -> Bool {
        let limit = Date() + 10
        while sleeperCount != count {
            guard Date() < limit else { return false }
            try? await Task.sleep(for: .milliseconds(1))
        }
        return true
    }

    /// Once `count` tasks sleep, moves to the earliest deadline; the new time, or nil when they
    /// did not all sleep within 10 s.
    func advanceToNextDeadline(sleepers count: Int) async -> Date? {
        guard await waitForSleepers(count) else { return nil }
        guard let next = lock.withLock({ sleepers.values.map(\.deadline).min() }) else { return nil }
        advance(to: next)
        return next
    }
}

/// A fetcher that answers from a script and records when (on the virtual clock) each URL was asked.
final class ScriptedFetcher: PageFetching, @unchecked Sendable {
    typealias Answer = (_ url: String, _ call: Int) throws -> FetchResult
    private let lock = NSLock()
    private let clock: VirtualClock
    private let answer: Answer
    private var calls: [(url: String, at: Date)] = []

    init(clock: VirtualClock, answer: @escaping Answer) {
        self.clock = clock
        self.answer = answer
    }

    func fetch(_ url: String, validators: Validators?, logger: Logger) async throws -> FetchResult {
        let call = lock.withLock {
            calls.append((url, clock.now()))
            return calls.filter { $0.url == url }.count - 1
        }
        return try answer(url, call)
    }

    func shutdown() async {}

    /// The times `url` was fetched, in order.
    func times(of url: String) -> [Date] { lock.withLock { calls.filter { $0.url == url }.map(\.at) } }

    /// Every fetch so far.
    var count: Int { lock.withLock { calls.count } }

    /// A page of `papers` publications (the way a homepage lists them).
    static func page(papers: Int) -> FetchResult {
        var html = "<html><body><h1>Ada Lindqvist</h1><h2>Publications</h2>\n"
        for paper in 0..<papers {
            html += "<p><a href=\"https://arxiv.org/abs/\(3000 + paper)\">A Study of Thing \(paper)</a><br>\n"
            html += "Ada Lindqvist and Co Author \(paper % 5)<br>\n<i>Workshop on Things \(paper)</i>, 2024.</p>\n"
        }
        return FetchResult(
            status: 200,
            finalURL: "https://ada.example.edu/",
            body: Array((html + "</body></html>\n").utf8),
            contentType: "text/html; charset=utf-8"
        )
    }
}

/// Keeps every log message, for the assertions on what the scheduler reported.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [(level: Logger.Level, message: String, metadata: Logger.Metadata)] = []

    var logger: Logger {
        Logger(label: "scheduler-test") { _ in Handler(recorder: self) }
    }

    /// The messages logged at `level` or above, in order.
    func messages(atLeast level: Logger.Level = .trace) -> [String] {
        lock.withLock { lines.filter { $0.level >= level }.map(\.message) }
    }

    /// How many times `message` was logged.
    func count(_ message: String) -> Int { lock.withLock { lines.filter { $0.message == message }.count } }

    fileprivate func append(_ level: Logger.Level, _ message: String, _ metadata: Logger.Metadata) {
        lock.withLock { lines.append((level, message, metadata)) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.append(event.level, event.message.description, metadata.merging(event.metadata ?? [:]) { $1 })
        }
    }
}
