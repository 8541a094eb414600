import Foundation

extension Date {
    /// The instant as every output writes it: ISO 8601 in UTC to the second, `2026-11-26T18:10:18Z`.
    ///
    /// A format style is a plain value, so this is cheap to call per row (a formatter object per
    /// call was not).
    public var iso8601: String { formatted(.iso8601) }
}
