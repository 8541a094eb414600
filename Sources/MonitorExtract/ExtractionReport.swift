import MonitorCore

/// How a page's entries were found: what `monitor extract --explain` prints, so that a user can
/// see where detection went wrong and write an override.
public struct ExtractionReport: Sendable {
    /// One section of the page, found by a heading or by an XPath override.
    public struct Section: Sendable, Codable {
        /// The heading as displayed, or the override's section expression.
        public var title: String
        /// The kind of entries read from it; nil for a section that yields none.
        public var kind: EntryKind?
        /// Why it has that kind.
        public var reason: String
        /// How its lines were split into entries.
        public var grouping: String
        /// How many groups (candidate entries) it held.
        public var groups: Int
        /// How many entries it gave.
        public var entries: Int
        /// The first line of each group that gave no entry (up to 5), for spotting misses.
        public var rejected: [String]
        /// How many lines of text the section holds.
        public var lineCount = 0
        /// The heading's level (2 for `<h2>`); nil for an override.
        public var level: Int?
    }

    /// The sections in page order (overrides last).
    public var sections: [Section] = []
    /// The entries found.
    public var entries = PageEntries()
}
