import Foundation

/// Polls `condition` every 100 ms for up to `seconds`: for tests that watch a daemon work.
///
/// - Returns: True as soon as the condition holds, false when time ran out.
public func waitUntil(_ seconds: TimeInterval, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date() + seconds
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return false
}
