import Foundation

/// The scheduler's time: what time it is, and waiting until a time.
///
/// `monitor run` uses ``SystemClock``; tests give the scheduler a clock they move by hand, so a
/// week of checks, backoff and `Retry-After` runs in milliseconds and at any date (the suites run
/// years ahead of today). Only the schedule reads it: the systemd watchdog tick is real time,
/// because systemd measures it in real time.
public protocol SchedulerClock: Sendable {
    /// The current time.
    func now() -> Date

    /// Returns at `deadline`, or at once when it has passed.
    ///
    /// - Throws: `CancellationError` when the waiting task is cancelled.
    func sleep(until deadline: Date) async throws
}

/// The wall clock and `Task.sleep`.
public struct SystemClock: SchedulerClock {
    /// Creates the clock.
    public init() {}

    /// The current time.
    public func now() -> Date { Date() }

    /// Sleeps until `deadline`, in one `Task.sleep`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled.
    public func sleep(until deadline: Date) async throws {
        let delay = deadline.timeIntervalSinceNow
        guard delay > 0 else { return try Task.checkCancellation() }
        try await Task.sleep(for: .milliseconds(Int64((delay * 1_000).rounded(.up))))
    }
}
