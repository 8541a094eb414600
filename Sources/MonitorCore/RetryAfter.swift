import Foundation

/// The HTTP `Retry-After` header (RFC 9110): delay seconds, or an HTTP date.
public enum RetryAfter {
    /// The longest wait honoured, in seconds (a day): a server asking for more is retried after a day,
    /// so a typo or a far-off date cannot silence a site or a webhook for good.
    public static let longest: Int64 = 86_400

    /// The wait it asks for, in whole seconds from `now`, capped at ``longest`` and never negative.
    ///
    /// A number of seconds too large for `Int64` is capped like any other long wait, not ignored.
    ///
    /// - Parameters:
    ///   - value: The header's value.
    ///   - now: The time the answer arrived.
    /// - Returns: `nil` when the value is neither a number of seconds nor an HTTP date.
    public static func seconds(_ value: String, now: Date = Date()) -> Int64? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return Int64(trimmed).map { min($0, longest) } ?? longest
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, Int64(min(date.timeIntervalSince(now), Double(longest)).rounded(.up)))
    }
}
