import Foundation

/// What `monitor archive export` wrote, and the pages it could not read.
public struct ArchiveExport: Sendable {
    /// A page whose blob is missing or corrupt.
    public struct Damage: Sendable {
        /// When the page was fetched.
        public var fetchedAt: Date
        /// The body's hash.
        public var hash: String
        /// What is wrong.
        public var problem: String
    }

    /// The files written, oldest page first.
    public var written: [URL] = []
    /// The pages not written, oldest first.
    public var damaged: [Damage] = []
}
