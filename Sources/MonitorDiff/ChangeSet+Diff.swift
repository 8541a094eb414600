import MonitorCore

extension ChangeSet {
    /// The changes from one page's entries to another's, kind by kind.
    ///
    /// Pure reordering is no change; see ``EntryMatcher`` for when two entries are the same.
    ///
    /// - Parameters:
    ///   - old: The entries of the older snapshot.
    ///   - new: The entries of the newer snapshot.
    public init(from old: PageEntries, to new: PageEntries) {
        self.init(
            publications: EntryMatcher.changes(from: old.publications, to: new.publications),
            talks: EntryMatcher.changes(from: old.talks, to: new.talks),
            members: EntryMatcher.changes(from: old.members, to: new.members)
        )
    }
}
