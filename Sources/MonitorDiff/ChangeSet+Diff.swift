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
            publications: ChangeSet.ignoringRenamedSections(
                EntryMatcher.changes(from: old.publications, to: new.publications),
                old: Set(old.publications.map(\.section)),
                new: Set(new.publications.map(\.section))
            ),
            talks: EntryMatcher.changes(from: old.talks, to: new.talks),
            members: EntryMatcher.changes(from: old.members, to: new.members)
        )
    }

    /// Drops a `section` change that only renames a list.
    ///
    /// "Conference Papers" → "Selected
    /// Conference Papers" when the old heading is gone from the new page and the new one was not
    /// on the old page. A paper that moves between two lists that both exist is still modified.
    static func ignoringRenamedSections(
        _ changes: KindChanges<Publication>,
        old oldSections: Set<String?>,
        new newSections: Set<String?>
    ) -> KindChanges<Publication> {
        var result = changes
        result.modified = changes.modified.compactMap { modification in
            guard modification.fields.contains("section"), !newSections.contains(modification.old.section),
                !oldSections.contains(modification.new.section)
            else { return modification }
            var kept = modification
            kept.fields.removeAll { $0 == "section" }
            return kept.fields.isEmpty ? nil : kept
        }
        return result
    }
}
