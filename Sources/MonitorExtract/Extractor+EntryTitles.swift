/// Sub-headings that title one entry (a card's name, an article's title), turned into its first line.
extension Extractor {
    /// A sub-heading that titles one entry: a card's `<h5>`, an archive item's `<h2>`, a person's name.
    struct EntryTitle {
        /// Its index in ``PageOutline/headings``.
        var heading: Int
        /// The container that holds the entry: the largest around the heading with no other heading of
        /// its level and none above it.
        var container: Int
        /// How many lines right below the heading are in that container.
        var lineCount: Int
        /// How many lines right above the heading are in that container (a card's metadata above its title).
        var leadCount = 0
    }

    /// The sub-headings inside a publications, talks or members section that title an entry rather
    /// than a part of the list (`kinds` holds each heading's ``SectionKind``).
    ///
    /// A sub-heading that is not a year and names no kind titles an entry when it has a container
    /// of its own, one that holds no other heading of its level (the card, the `<article>`), and
    /// that container holds a few lines right below it (at most 8), or another such heading (a
    /// person's name and role as `<h2>` and `<h3>`). "Conference papers" above several entries
    /// shares its container with the other sub-headings, so it stays a sub-heading.
    static func entryTitleHeadings(in outline: PageOutline, kinds: [SectionKind]) -> [EntryTitle] {
        var candidates: [Int] = []
        // Candidates inside a members section: a person's name heading may stand alone (no role line).
        var inMembers: Set<Int> = []
        // Sub-headings of a members section that may be names with no card around them.
        var subHeadingsInMembers: Set<Int> = []
        var open: (kind: SectionKind, level: Int)?
        for (index, heading) in outline.headings.enumerated() {
            let kind = kinds[index]
            if kind == .year { continue }
            if let current = open, current.kind.namesEntries, heading.level > current.level {
                if let previous = candidates.last, previous == index - 1, heading.line.containerID > 0,
                    heading.level > outline.headings[previous].level,
                    outline.headings[previous].line.containerID > 0,
                    outline.container(heading.line.containerID, isIn: outline.headings[previous].line.containerID)
                {
                    // A person's role ("Postdoctoral Research Associate") under the name in one card
                    // (or in a block inside it), one level deeper, is part of that entry, whatever its words.
                    candidates.append(index)
                } else if current.kind == .members, kind == .members, EntryParser.isNameWithDegree(heading.line),
                    heading.line.containerID > 0
                {
                    // "Ni Ji, Ph.D." under "Principal Investigator": a person, though "PhD" names members.
                    candidates.append(index)
                    inMembers.insert(index)
                } else if kind.namesEntries {
                    open = (kind, current.level)
                } else if kind == .unnamed, heading.line.containerID > 0 {
                    candidates.append(index)
                    if current.kind == .members { subHeadingsInMembers.insert(index) }
                } else if current.kind == .members, heading.line.containerID > 0,
                    SectionKind.namesOpening(heading.text)
                {
                    // An opening's card in a grid of people ("Join Our Team"): its lines are one entry
                    // that ``EntryParser/members(from:links:)`` reads as no person.
                    candidates.append(index)
                }
                continue
            }
            // Cards titled by sub-headings under a heading that names no kind ("From ideas to systems."
            // over one `<article>` per paper): each titles its card, so the section's records are the
            // cards and what they look like decides the kind (a project or news card is no citation).
            if let current = open, current.kind == .unnamed, heading.level > current.level, kind == .unnamed,
                heading.line.containerID > 0
            {
                candidates.append(index)
                continue
            }
            // At the section's own level, only a heading that is mostly a link to another page can
            // title an entry (academicpages' archive items, Wowchemy's people): "Teaching" and an
            // anchor heading ("<a href="#software">Software</a>") end the section.
            // In a members section, a person's name in a card at the section's own level is one too.
            if let current = open, current.kind.namesEntries, heading.level == current.level,
                heading.line.containerID > 0,
                heading.line.links.contains(where: {
                    $0.range.count * 2 >= heading.line.text.count && !$0.href.hasPrefix("#")
                }) || (current.kind == .members && kind == .unnamed && EntryParser.isNameLine(heading.line))
            {
                candidates.append(index)
                if current.kind == .members { inMembers.insert(index) }
                continue
            }
            open = (kind, heading.level)
        }
        // With no heading naming the list: person cards whose name and role are both headings ("<h3>Ada
        // Berg</h3><h4>PhD student</h4>" in one card), two cards at least, title their entries by
        // themselves. Their section is then read as members (``Extractor/looksLikePersonCards``).
        var cards: [Int] = []
        for index in outline.headings.indices.dropLast() where !candidates.contains(index) {
            let name = outline.headings[index]
            let role = outline.headings[index + 1]
            guard kinds[index] == .unnamed, role.level > name.level, name.line.containerID > 0,
                role.line.containerID > 0, role.lineIndex == name.lineIndex,
                outline.container(role.line.containerID, isIn: name.line.containerID)
                    || outline.container(name.line.containerID, isIn: role.line.containerID),
                EntryParser.isNameLine(name.line), EntryParser.isRole(role.line),
                !SectionKind.endsMembersWherever(role.text)
            else { continue }
            cards += [index, index + 1]
        }
        if cards.count >= 4 {
            candidates = (candidates + cards).sorted()
            inMembers.formUnion(cards)
        }
        guard !candidates.isEmpty else { return [] }
        // How many headings of each level every container holds.
        var counts: [Int: [Int]] = [:]
        for heading in outline.headings {
            var tally = counts[heading.level] ?? Array(repeating: 0, count: outline.parents.count)
            var container = heading.line.containerID
            while container > 0 {
                tally[container] += 1
                container = outline.parents[container]
            }
            counts[heading.level] = tally
        }
        var titles: [EntryTitle] = []
        var flat: [EntryTitle] = []
        for index in candidates {
            let heading = outline.headings[index]
            guard let tally = counts[heading.level] else { continue }
            // The largest container around the heading with no other heading of its level; when that
            // holds too many lines, the largest that also holds no heading above it (a lone card under
            // "Principal Investigator").
            let above = counts.filter { $0.key < heading.level }.map(\.value)
            // A card never reaches over the next heading above its title's level (the next section's
            // "2019" after a table of contents' "Overview").
            let nextAbove = outline.headings[(index + 1)...].first { $0.level < heading.level }?.line.containerID
            func entry(bounded: Bool) -> (container: Int, count: Int)? {
                var container = -1
                var candidate = heading.line.containerID
                while candidate > 0, tally[candidate] == 1, !bounded || !above.contains(where: { $0[candidate] > 0 }),
                    !(nextAbove.map { outline.container($0, isIn: candidate) } ?? false)
                {
                    container = candidate
                    candidate = outline.parents[candidate]
                }
                guard container > 0 else { return nil }
                var end = heading.lineIndex
                while end < outline.lines.count, end - heading.lineIndex <= 8,
                    outline.container(outline.lines[end].containerID, isIn: container)
                {
                    end += 1
                }
                let count = end - heading.lineIndex
                return count <= 8 ? (container, count) : nil
            }
            guard let (container, count) = entry(bounded: false) ?? entry(bounded: true) else {
                if subHeadingsInMembers.contains(index), let run = flatRun(of: index, in: outline) {
                    flat.append(EntryTitle(heading: index, container: Self.flatContainer, lineCount: run))
                }
                continue
            }
            titles.append(
                EntryTitle(
                    heading: index,
                    container: container,
                    lineCount: count,
                    leadCount: leadCount(of: index, in: container, outline)
                )
            )
        }
        // Names as headings with no card around each ("<h4>Ada Berg</h4><p>PhD student</p><hr><h4>…"), two
        // at one level at least: each titles the lines up to the next heading.
        for level in Set(flat.map { outline.headings[$0.heading].level }) {
            let named = flat.filter { outline.headings[$0.heading].level == level }
            if named.count >= 2 { titles += named }
        }
        titles.sort { $0.heading < $1.heading }
        // A title with no lines of its own needs a partner heading in the same container, or must be a
        // person's name in a members section (Wowchemy's people widget without roles).
        return titles.filter { title in
            title.lineCount > 0 || title.leadCount > 0
                || titles.contains { $0.heading != title.heading && $0.container == title.container }
                || (inMembers.contains(title.heading) && EntryParser.isNameLine(outline.headings[title.heading].line))
        }
    }

    /// The lines right above a title heading that open its card (at most 8, none a heading's): 0 when
    /// the container reaches further up, as a page's wrapper does.
    private static func leadCount(of index: Int, in container: Int, _ outline: PageOutline) -> Int {
        let start = outline.headings[index].lineIndex
        let floor = index > 0 ? outline.headings[index - 1].lineIndex : 0
        var line = start
        while line > floor, start - line <= 8,
            outline.container(outline.lines[line - 1].containerID, isIn: container)
        {
            line -= 1
        }
        let count = start - line
        guard count <= 8 else { return 0 }
        // Stopped by the previous heading with the container still going on: the container is no card.
        if line == floor, line > 0, outline.container(outline.lines[line - 1].containerID, isIn: container) {
            return 0
        }
        if line == floor, index > 0,
            outline.container(outline.headings[index - 1].line.containerID, isIn: container)
        {
            return 0
        }
        return count
    }

    /// Marks an entry title with no container of its own: ``promote(_:in:)`` makes one for its lines.
    static let flatContainer = -2

    /// The lines a person's name heading titles when no card holds it: those up to the next heading
    /// (1 to 12), all in the heading's own container; nil when the heading is no name or holds none.
    private static func flatRun(of index: Int, in outline: PageOutline) -> Int? {
        let heading = outline.headings[index]
        guard EntryParser.isNameLine(heading.line), !EntryParser.isRole(heading.line) else { return nil }
        let end = index + 1 < outline.headings.count ? outline.headings[index + 1].lineIndex : outline.lines.count
        let count = end - heading.lineIndex
        guard (1...12).contains(count) else { return nil }
        let outer = heading.line.containerID
        let inside = outline.lines[heading.lineIndex..<end].allSatisfy {
            $0.containerID == outer || outline.container($0.containerID, isIn: outer)
        }
        return inside ? count : nil
    }

    /// True for lines that are person cards titled by headings: two or more name headings, each right
    /// above a role ("PhD student"), and most of the section's title headings are such names.
    static func looksLikePersonCards(_ lines: ArraySlice<Line>) -> Bool {
        var titles = 0
        var people = 0
        for index in lines.indices where lines[index].isTitleHeading {
            titles += 1
            let next = index + 1
            if EntryParser.isNameLine(lines[index]), next < lines.endIndex, lines[next].isTitleHeading,
                EntryParser.isRole(lines[next])
            {
                people += 1
            }
        }
        return people >= 2 && people * 4 >= titles
    }

    /// Turns entry-title headings into the first line of their entry: the heading's line goes
    /// in before the lines below it, and those lines and it form one group.
    static func promote(_ titles: [EntryTitle], in outline: inout PageOutline) {
        // A title with no container of its own gets one inside the heading's, holding just its lines.
        var titles = titles
        for index in titles.indices where titles[index].container == flatContainer {
            outline.parents.append(outline.headings[titles[index].heading].line.containerID)
            outline.elements.append(ElementName(tag: ""))
            titles[index].container = outline.parents.count - 1
        }
        var lines: [Line] = []
        lines.reserveCapacity(outline.lines.count + titles.count)
        var headings: [Heading] = []
        var next = 0
        var groupEnd = -1
        var group = -1
        // Where the last title's own lines begin: no later title takes them.
        var movedFloor = 0
        let byHeading = Dictionary(titles.map { ($0.heading, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, heading) in outline.headings.enumerated() {
            while next < heading.lineIndex {
                var line = outline.lines[next]
                if next < groupEnd { line.itemID = group }
                lines.append(line)
                next += 1
            }
            guard let title = byHeading[index] else {
                var kept = heading
                kept.lineIndex = lines.count
                headings.append(kept)
                continue
            }
            // The card's lines above its title (Hugo Academic's "card-simple": authors, date and venue,
            // then the title) follow the title, so the entry reads title first.
            let floor = max(headings.last?.lineIndex ?? 0, movedFloor)
            let above = max(floor, lines.count - title.leadCount)
            // A thumbnail's capital label ("HYBRID / MAGNONICS") stays where it is, an entry of its own.
            let lead = lines[above...].filter { !EntryParser.isShoutedLabel($0) }
            let labels = lines[above...].filter(EntryParser.isShoutedLabel)
            lines.removeSubrange(above...)
            lines += labels
            var line = heading.line
            line.itemID = title.container
            line.followsBlankLine = false
            line.isTitleHeading = true
            lines.append(line)
            for var moved in lead {
                moved.itemID = title.container
                moved.followsBlankLine = false
                lines.append(moved)
            }
            group = title.container
            groupEnd = heading.lineIndex + title.lineCount
            movedFloor = lines.count
        }
        while next < outline.lines.count {
            var line = outline.lines[next]
            if next < groupEnd { line.itemID = group }
            lines.append(line)
            next += 1
        }
        outline.lines = lines
        outline.headings = headings
    }
}
