import MonitorCore

/// Pairs the entries of two snapshots of one kind and reports what changed.
///
/// Two entries are the same entry when their normalised titles (members: names) are equal,
/// matched as a multiset in page order. Among the entries left over, an edited title is still
/// the same entry when
/// - the titles are very similar (``minimumSimilarity``), or one contains the other (an added
///   subtitle), with the same numbers in both ("GPT-2" is not "GPT-3"), and the authors, the URL
///   or the other fields agree; or
/// - the titles share the name before a colon and at least 80 % of the authors (a renamed
///   subtitle: "Top-K Training of GANs: …"); or
/// - both carry a URL that occurs exactly once on each page (a retitled talk with the same
///   slides) and, for publications, the authors agree: a PDF link copied onto another paper
///   by mistake does not make it the same paper. A URL shared by two entries on a page is
///   never used.
/// Candidates are taken greedily, best first; whatever is left is added or removed.
public enum EntryMatcher {
    /// The least title similarity (2·LCS / total length) for an edited title.
    public static let minimumSimilarity = 0.85

    /// The changes of one kind between two snapshots.
    ///
    /// - Parameters:
    ///   - old: The entries of the older snapshot, in page order.
    ///   - new: The entries of the newer snapshot, in page order.
    /// - Returns: Added and modified entries in the newer page's order, removed ones in the older's.
    public static func changes<Value: EntryValue>(from old: [Value], to new: [Value]) -> KindChanges<Value> {
        let oldKeys = old.map { TitleKey.normalise($0.displayName) }
        let newKeys = new.map { TitleKey.normalise($0.displayName) }
        var pairOfNew = [Int?](repeating: nil, count: new.count)
        var oldIsPaired = [Bool](repeating: false, count: old.count)

        var waiting: [String: [Int]] = [:]
        for (index, key) in oldKeys.enumerated().reversed() { waiting[key, default: []].append(index) }
        for (index, key) in newKeys.enumerated() {
            if let oldIndex = waiting[key]?.popLast() {
                pairOfNew[index] = oldIndex
                oldIsPaired[oldIndex] = true
            }
        }

        let leftOld = old.indices.filter { !oldIsPaired[$0] }
        let leftNew = new.indices.filter { pairOfNew[$0] == nil }
        if !leftOld.isEmpty && !leftNew.isEmpty {
            for (newIndex, oldIndex) in fuzzyPairs(
                old: old,
                oldKeys: oldKeys,
                leftOld: leftOld,
                new: new,
                newKeys: newKeys,
                leftNew: leftNew
            ) {
                pairOfNew[newIndex] = oldIndex
                oldIsPaired[oldIndex] = true
            }
        }

        var changes = KindChanges<Value>()
        for (index, entry) in new.enumerated() {
            guard let oldIndex = pairOfNew[index] else {
                changes.added.append(entry)
                continue
            }
            if old[oldIndex] == entry { continue }
            let fields = changedFields(old[oldIndex], entry)
            if !fields.isEmpty {
                changes.modified.append(EntryModification(fields: fields, old: old[oldIndex], new: entry))
            }
        }
        changes.removed = old.indices.filter { !oldIsPaired[$0] }.map { old[$0] }
        return changes
    }

    /// The names of the displayed fields that differ, in display order.
    static func changedFields<Value: EntryValue>(_ old: Value, _ new: Value) -> [String] {
        zip(old.comparedFields, new.comparedFields).compactMap { pair in
            pair.0.value == pair.1.value ? nil : pair.0.name
        }
    }

    private struct Candidate {
        var score: Double
        var oldIndex: Int
        var newIndex: Int
    }

    /// Pairs of (new index, old index) among the leftovers, best first, each index used once.
    private static func fuzzyPairs<Value: EntryValue>(
        old: [Value],
        oldKeys: [String],
        leftOld: [Int],
        new: [Value],
        newKeys: [String],
        leftNew: [Int]
    ) -> [(Int, Int)] {
        let oldURLCounts = urlCounts(old)
        let newURLCounts = urlCounts(new)
        let oldScalars = Dictionary(uniqueKeysWithValues: leftOld.map { ($0, Array(oldKeys[$0].unicodeScalars)) })
        var candidates: [Candidate] = []
        for newIndex in leftNew {
            let newScalars = Array(newKeys[newIndex].unicodeScalars)
            let newEntry = new[newIndex]
            for oldIndex in leftOld {
                let oldEntry = old[oldIndex]
                let sameURL = oldEntry.identityURL.map { !$0.isEmpty && $0 == newEntry.identityURL } ?? false
                let noPeople = oldEntry.people.isEmpty && newEntry.people.isEmpty
                if sameURL, let url = newEntry.identityURL, oldURLCounts[url] == 1, newURLCounts[url] == 1,
                    noPeople || peopleAgree(oldEntry.people, newEntry.people)
                {
                    candidates.append(Candidate(score: 2, oldIndex: oldIndex, newIndex: newIndex))
                    continue
                }
                let oldTitle = oldScalars[oldIndex] ?? []
                let similarity = titleSimilarity(oldTitle, newScalars, oldKeys[oldIndex], newKeys[newIndex])
                guard similarity > 0 else {
                    if sameHeadline(oldKeys[oldIndex], newKeys[newIndex]),
                        peopleAgree(oldEntry.people, newEntry.people, fraction: 0.8)
                    {
                        candidates.append(Candidate(score: 0.8, oldIndex: oldIndex, newIndex: newIndex))
                    }
                    continue
                }
                if sameURL || peopleAgree(oldEntry.people, newEntry.people) || otherFieldsAgree(oldEntry, newEntry) {
                    candidates.append(Candidate(score: similarity, oldIndex: oldIndex, newIndex: newIndex))
                }
            }
        }
        candidates.sort { ($0.score, -$0.newIndex, -$0.oldIndex) > ($1.score, -$1.newIndex, -$1.oldIndex) }
        var usedOld = Set<Int>()
        var usedNew = Set<Int>()
        var pairs: [(Int, Int)] = []
        for candidate in candidates where !usedOld.contains(candidate.oldIndex) && !usedNew.contains(candidate.newIndex)
        {
            usedOld.insert(candidate.oldIndex)
            usedNew.insert(candidate.newIndex)
            pairs.append((candidate.newIndex, candidate.oldIndex))
        }
        return pairs
    }

    /// The similarity of two normalised titles, or 0 when they are not alike enough to pair.
    ///
    /// A title that contains the other whole (an added subtitle or prefix) counts as 0.9
    /// when the shorter one has at least 16 characters.
    private static func titleSimilarity(
        _ a: [Unicode.Scalar],
        _ b: [Unicode.Scalar],
        _ aText: String,
        _ bText: String
    ) -> Double {
        // "Lecture 3" and "Lecture 4", "GPT-2" and "GPT-3": titles that differ in a number name different things.
        guard numbers(in: a) == numbers(in: b) else { return 0 }
        let similarity = TitleKey.similarity(a, b, minimum: minimumSimilarity)
        if similarity >= minimumSimilarity { return similarity }
        let (short, long) = aText.count <= bText.count ? (aText, bText) : (bText, aText)
        if short.count >= 16 && long.contains(short) { return 0.9 }
        return 0
    }

    /// The runs of ASCII digits in a title, in order.
    private static func numbers(in title: [Unicode.Scalar]) -> [String] {
        var runs: [String] = []
        var current = ""
        for scalar in title {
            if ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                runs.append(current)
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    private static func urlCounts<Value: EntryValue>(_ entries: [Value]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in entries {
            if let url = entry.identityURL, !url.isEmpty { counts[url, default: 0] += 1 }
        }
        return counts
    }

    /// True when both entries name people and at least `fraction` of the longer list is on both.
    private static func peopleAgree(_ a: [String], _ b: [String], fraction: Double = 0.5) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        let setA = Set(a.map(TitleKey.normalise))
        let shared = Set(b.map(TitleKey.normalise)).intersection(setA).count
        return Double(shared) >= fraction * Double(max(a.count, b.count))
    }

    /// True when both titles have the same name before a colon ("Top-K Training of GANs: …"),
    /// of at least two words: a renamed subtitle of the same paper.
    private static func sameHeadline(_ a: String, _ b: String) -> Bool {
        guard let colonA = a.firstIndex(of: ":"), let colonB = b.firstIndex(of: ":") else { return false }
        let headline = a[..<colonA]
        return headline.count >= 8 && headline.contains(" ") && headline == b[..<colonB]
    }

    /// For entries without people: true when most of the shown fields other than the title agree.
    private static func otherFieldsAgree<Value: EntryValue>(_ a: Value, _ b: Value) -> Bool {
        guard a.people.isEmpty && b.people.isEmpty else { return false }
        var shown = 0
        var equal = 0
        for (fieldA, fieldB) in zip(a.comparedFields.dropFirst(), b.comparedFields.dropFirst())
        where !fieldA.value.isEmpty || !fieldB.value.isEmpty {
            shown += 1
            if fieldA.value == fieldB.value { equal += 1 }
        }
        return shown > 0 && 2 * equal > shown
    }
}
