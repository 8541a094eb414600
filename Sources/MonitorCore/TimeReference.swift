import Foundation

/// A point in time as a user writes it on the command line: `last-week`, `3d`, `2024-05-01`, ….
public struct TimeReference: Sendable, Hashable, CustomStringConvertible {
    /// What the user wrote.
    public var text: String
    private var resolve: Form

    private enum Form: Hashable {
        case ago(TimeInterval)
        case startOfToday(daysBack: Int)
        case absolute(Date)
    }

    /// The forms accepted, for error messages and help.
    public static let acceptedForms =
        "last-week, last-month, yesterday, today (days start at 00:00 UTC), now, a span ago such as 3d, 2w, "
        + "12h or 90m, an ISO date (2024-05-01) or date-time (2024-05-01T12:00:00Z)"

    /// Parses a time reference.
    ///
    /// - Returns: `nil` when the text is none of ``acceptedForms``.
    public init?(_ text: String) {
        self.text = text
        let lower = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch lower {
        case "now": resolve = .ago(0)
        case "today": resolve = .startOfToday(daysBack: 0)
        case "yesterday": resolve = .startOfToday(daysBack: 1)
        case "last-week", "lastweek", "last week": resolve = .ago(7 * 86_400)
        case "last-month", "lastmonth", "last month": resolve = .ago(30 * 86_400)
        default:
            if let span = Self.span(lower) {
                resolve = .ago(span)
            } else if let date = Self.isoDate(text.trimmingCharacters(in: .whitespaces)) {
                resolve = .absolute(date)
            } else {
                return nil
            }
        }
    }

    /// The instant this reference names, relative to `now` (days start at 00:00 UTC).
    public func date(relativeTo now: Date) -> Date {
        switch resolve {
        case .ago(let seconds): return now - seconds
        case .absolute(let date): return date
        case .startOfToday(let daysBack):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
            return calendar.startOfDay(for: now) - TimeInterval(daysBack * 86_400)
        }
    }

    public var description: String { text }

    /// "3d", "2w", "12h", "90m", "45s" as seconds.
    private static func span(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let count = Double(text.dropLast()), count >= 0, !text.dropLast().isEmpty,
            text.dropLast().allSatisfy(\.isNumber)
        else { return nil }
        switch unit {
        case "w": return count * 7 * 86_400
        case "d": return count * 86_400
        case "h": return count * 3_600
        case "m": return count * 60
        case "s": return count
        default: return nil
        }
    }

    /// `2024-05-01` (00:00 UTC), `2024-05-01T12:00:00Z`, `2024-05-01T12:00:00+02:00`, `2024-05-01T12:00` (UTC).
    private static func isoDate(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        full.formatOptions = [.withInternetDateTime]
        if let date = full.date(from: text) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: text) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in [
            "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
        ] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text), formatter.string(from: date) == text { return date }
        }
        return nil
    }
}
