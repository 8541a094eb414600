/// Durations as written in the config: `"6h"`, `"30m"`, `"90s"`, `"1d"`, `"2w"`, or seconds as an integer.
public enum DurationText {
    /// The longest duration accepted: a year.
    public static let longest: Int64 = 366 * 86_400

    /// Parses `"<number><s|m|h|d|w>"`; `nil` for anything else, a non-positive value, or more than a year.
    public static func parse(_ text: String) -> Duration? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0, count <= longest else { return nil }
        let seconds: Int64
        switch unit {
        case "s": seconds = count
        case "m": seconds = count * 60
        case "h": seconds = count * 3_600
        case "d": seconds = count * 86_400
        case "w": seconds = count * 604_800
        default: return nil
        }
        return seconds <= longest ? .seconds(seconds) : nil
    }

    /// The shortest exact form: `6h`, `90m`, `45s`.
    public static func format(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        for (unit, size) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3_600), ("m", 60)]
        where seconds >= size && seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }
}
