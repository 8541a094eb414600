import Foundation

/// The HTTP `Retry-After` header (RFC 9110): delay seconds, or an HTTP date.
public enum RetryAfter {
    /// The wait it asks for, in whole seconds from `now`: never negative, a date at most 10⁹ s away.
    ///
    /// - Returns: `nil` when the value is neither a number of seconds nor an HTTP date.
    public static func seconds(_ value: String, now: Date = Date()) -> Int64? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int64(trimmed), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, Int64(min(date.timeIntervalSince(now), 1e9).rounded(.up)))
    }
}
