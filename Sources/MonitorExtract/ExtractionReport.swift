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
    /// The sections detection was unsure of.
    public var doubts: [ExtractionDoubt] = []
    /// An override for the section detection was least sure of, from the page's own element paths.
    public var suggestion: Suggestion?

    /// A starting point for `[sites.selectors.KIND]`.
    public struct Suggestion: Sendable, Codable, Equatable {
        /// The kind the section most likely holds.
        public var kind: EntryKind
        /// XPath of the section's container.
        public var section: String
        /// XPath of one entry, relative to the section.
        public var entry: String
    }
}

/// A section zero-config detection was unsure of.
///
/// Records found but few parsed, or a list of
/// dated records under a heading that names no kind. `check` and `run` log it with a hint to run
/// `monitor extract --explain`.
public struct ExtractionDoubt: Sendable, Equatable, Codable {
    /// The section's heading as displayed ("" before the first heading).
    public var section: String
    /// What looked wrong, in a few words.
    public var reason: String

    /// Creates a doubt.
    public init(section: String, reason: String) {
        self.section = section
        self.reason = reason
    }
}
