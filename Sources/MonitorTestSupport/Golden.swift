import Foundation

/// Compares output with a golden file, or records it when `MONITOR_RECORD_GOLDENS=1`.
public enum Golden {
    /// True when the run records goldens instead of checking them.
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["MONITOR_RECORD_GOLDENS"] == "1"
    }

    /// The golden's text, or a message when it should be (or was) recorded.
    ///
    /// - Parameters:
    ///   - actual: What the code produced.
    ///   - file: The golden file.
    /// - Returns: `nil` when `actual` matches; otherwise a message for the failure.
    public static func mismatch(_ actual: String, golden file: URL) -> String? {
        if isRecording {
            do {
                try actual.write(to: file, atomically: true, encoding: .utf8)
                return "recorded golden \(file.lastPathComponent); read `git diff fixtures/` before committing"
            } catch {
                return "could not record golden \(file.path): \(error)"
            }
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            return "no golden at \(file.path); run MONITOR_RECORD_GOLDENS=1 swift test --filter MonitorExtractTests"
        }
        return expected == actual ? nil : firstDifference(expected: expected, actual: actual, file: file)
    }

    private static func firstDifference(expected: String, actual: String, file: URL) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<end>"
            if want != got {
                return "\(file.lastPathComponent):\(index + 1): expected \(want) but got \(got)"
            }
        }
        return "\(file.lastPathComponent): differs"
    }
}
