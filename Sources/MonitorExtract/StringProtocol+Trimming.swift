extension StringProtocol {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        trimmed(of: " \t\r\n")
    }

    /// The string without leading and trailing characters from `set`.
    func trimmed(of set: String) -> String {
        let trim = set.unicodeScalars
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, trim.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard trim.contains(scalars[before]) else { break }
            end = before
        }
        return String(self[start..<end])
    }
}
