/// Splits a section's lines into the groups that each hold one entry (or, for members, one
/// entry per line).
enum EntryGroup {
    /// Groups lines by list item or table row when they are in one; otherwise by block element
    /// (`<p>`, `<div>`), with a blank line (two `<br>`) also ending a group.
    ///
    /// - Parameter lines: A section's lines in page order.
    /// - Returns: The groups in page order, none empty, as slices of `lines`.
    static func split(_ lines: ArraySlice<Line>) -> [ArraySlice<Line>] {
        splitByBlocks(lines)
    }

    /// Groups a section's lines, first by entry wrappers when the page has them, then as ``split(_:)``.
    ///
    /// An entry wrapper is a container (Hugo Academic's `div.media.stream-item`) whose lines are each a
    /// block of their own (title, summary, authors, date), repeated for every entry. Block grouping
    /// would make each of those lines an entry; the wrapper makes them one. A container whose blocks
    /// hold several lines each (`<p>` entries of `<br>` lines), or whose lines read as whole citations,
    /// is a list, not a wrapper. Lines in list items or table rows keep the usual grouping.
    ///
    /// - Parameters:
    ///   - lines: A section's lines in page order.
    ///   - parents: ``PageOutline/parents``.
    ///   - isWholeEntry: True for a line that is an entry by itself (a citation).
    /// - Returns: The groups in page order, none empty.
    static func split(
        _ lines: ArraySlice<Line>,
        parents: [Int],
        isWholeEntry: (Line) -> Bool
    ) -> [ArraySlice<Line>] {
        guard lines.count >= 4, !lines.contains(where: { $0.itemID >= 0 }) else { return splitByBlocks(lines) }
        // The innermost container holding every line.
        guard let root = PageOutline.commonContainer(of: lines.lazy.map(\.containerID), parents: parents) else {
            return splitByBlocks(lines)
        }
        return wrapped(lines, under: root, parents: parents, isWholeEntry: isWholeEntry, depth: 0)
    }

    private static func wrapped(
        _ lines: ArraySlice<Line>,
        under root: Int,
        parents: [Int],
        isWholeEntry: (Line) -> Bool,
        depth: Int
    ) -> [ArraySlice<Line>] {
        // Runs of consecutive lines under the same child of `root` (-1: directly in it).
        var runs: [(child: Int, lines: ArraySlice<Line>)] = []
        var start = lines.startIndex
        var current = child(of: lines[start].containerID, under: root, parents)
        for index in lines.indices.dropFirst() {
            let next = child(of: lines[index].containerID, under: root, parents)
            if next != current {
                runs.append((current, lines[start..<index]))
                start = index
                current = next
            }
        }
        runs.append((current, lines[start..<lines.endIndex]))
        func isWrapper(_ run: (child: Int, lines: ArraySlice<Line>)) -> Bool {
            guard run.child > 0, (2...8).contains(run.lines.count) else { return false }
            // Every line a block of its own: no two neighbours share a block or list item.
            for index in run.lines.indices.dropFirst() where !startsGroup(run.lines[index], after: run.lines[index - 1])
            {
                return false
            }
            return run.lines.count(where: isWholeEntry) * 2 < run.lines.count
        }
        let isWrapperRun = runs.map(isWrapper)
        if isWrapperRun.count(where: { $0 }) >= 2 {
            return runs.indices.flatMap { isWrapperRun[$0] ? [runs[$0].lines] : splitByBlocks(runs[$0].lines) }
        }
        // One big child holding the list (a `div.pubs` inside the section): look inside it.
        if depth < 8, let big = runs.max(by: { $0.lines.count < $1.lines.count }), big.child > 0,
            big.lines.count * 2 > lines.count, big.lines.count >= 4
        {
            return runs.flatMap {
                $0.child == big.child && $0.lines.startIndex == big.lines.startIndex
                    ? wrapped($0.lines, under: $0.child, parents: parents, isWholeEntry: isWholeEntry, depth: depth + 1)
                    : splitByBlocks($0.lines)
            }
        }
        return splitByBlocks(lines)
    }

    /// The child of `root` on the way up from `container`, or -1 when the container is `root` (or outside it).
    private static func child(of container: Int, under root: Int, _ parents: [Int]) -> Int {
        var current = container
        while current > 0 {
            let parent = parents[current]
            if parent == root { return current }
            current = parent
        }
        return -1
    }

    private static func splitByBlocks(_ lines: ArraySlice<Line>) -> [ArraySlice<Line>] {
        guard !lines.isEmpty else { return [] }
        var groups: [ArraySlice<Line>] = []
        var start = lines.startIndex
        for index in lines.indices.dropFirst() where startsGroup(lines[index], after: lines[index - 1]) {
            groups.append(lines[start..<index])
            start = index
        }
        if start < lines.endIndex { groups.append(lines[start..<lines.endIndex]) }
        return groups
    }

    private static func startsGroup(_ line: Line, after previous: Line) -> Bool {
        if line.itemID != previous.itemID { return true }
        if line.itemID >= 0 { return false }
        return line.blockID != previous.blockID || line.followsBlankLine
    }

    /// Joins the groups of one person's card.
    ///
    /// A group that does not open with a name
    /// ("Ph.D. student (2023–)", "Research interest: …") belongs to the name above it when the
    /// smallest container holding both holds no other person (the card: a table, a `div.card`).
    /// A list of "Name, role" items is left as it is: their smallest container is the list.
    ///
    /// - Parameters:
    ///   - groups: A members section's groups, slices of `lines`.
    ///   - lines: The section's lines.
    ///   - parents: ``PageOutline/parents``.
    /// - Returns: The groups with each card's lines in one group.
    static func personCards(_ groups: [ArraySlice<Line>], of lines: ArraySlice<Line>, parents: [Int]) -> [ArraySlice<
        Line
    >] {
        guard groups.count >= 2 else { return groups }
        var merged: [ArraySlice<Line>] = []
        for (position, group) in groups.enumerated() {
            if let previous = merged.last, let head = previous.first, let opening = group.first,
                previous.endIndex == group.startIndex, EntryParser.isNameLine(head), !EntryParser.isNameLine(opening)
            {
                // The card: the smallest container of the name and this line, holding no other person.
                let card =
                    PageOutline.commonContainer(of: [head.containerID, opening.containerID], parents: parents) ?? -1
                let nextHead = groups[(position + 1)...].lazy.compactMap(\.first).first(where: EntryParser.isStrongName)
                let previousHead = merged.count >= 2 ? merged[merged.count - 2].first : nil
                if card > 0,
                    !(nextHead.map { PageOutline.container($0.containerID, isIn: card, parents: parents) } ?? false),
                    !(previousHead.map { PageOutline.container($0.containerID, isIn: card, parents: parents) } ?? false)
                {
                    merged[merged.count - 1] = lines[previous.startIndex..<group.endIndex]
                    continue
                }
            }
            merged.append(group)
        }
        return merged
    }

    /// True for a group of two or more lines, each wholly a link to an anchor on the page ("#2019"),
    /// under at most a title: a table of contents.
    static func isInPageNavigation(_ group: ArraySlice<Line>) -> Bool {
        let links = group.drop { $0.isTitleHeading }
        guard links.count >= 2 else { return false }
        return links.allSatisfy { line in
            line.links.count == 1 && line.links[0].href.hasPrefix("#")
                && line.links[0].range.count * 10 >= line.text.count * 9
        }
    }

    /// How a section's lines are grouped, in words, for `--explain`.
    ///
    /// - Parameter lines: A section's lines.
    /// - Returns: "list items or table rows", "blocks (<p>, <div>)" or both, with blank lines noted.
    static func describe(_ lines: ArraySlice<Line>) -> String {
        let items = lines.contains { $0.itemID >= 0 }
        let blocks = lines.contains { $0.itemID < 0 }
        let blank = lines.contains { $0.itemID < 0 && $0.followsBlankLine }
        var parts: [String] = []
        if items { parts.append("one entry per list item or table row") }
        if blocks {
            parts.append("one entry per block (<p>, <div>)" + (blank ? " or run of lines between blank lines" : ""))
        }
        return parts.isEmpty ? "no lines" : parts.joined(separator: "; ")
    }
}
