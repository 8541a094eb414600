/// A page's sections: where each starts and ends, and its kind, from the headings and label lines.
extension Extractor {
    /// One section of the page: its kind, its heading as displayed, and the range of lines below it.
    struct Section {
        var kind: SectionKind
        var heading: String
        var lines: Range<Int>
        /// The heading's level (1 for `<h1>`).
        var level = 0
        /// False when the records, not the heading, gave the kind.
        var isNamed = true
    }

    /// Splits a section's lines into the groups that each hold one entry of `kind`.

    /// Splits the outline's lines into sections at headings (sections of no kind included).
    ///
    /// A heading that names a kind starts a section of that kind at any level. Another heading
    /// ends the section when it is at the same or a higher level; deeper, it is a sub-heading: the
    /// line after it starts a new entry. A year heading ("2023") at any level dates the entries
    /// below it and never ends a section. A deeper heading that names something else ("Alumni",
    /// "Posters") holds no entries, and the list resumes at the next sub-heading of its level.
    /// The lines before the first heading are a section of their own, with no heading.
    static func sections(of outline: inout PageOutline) -> [Section] {
        dropRepeatedLabels(in: &outline)
        var kinds = outline.headings.map { SectionKind(heading: $0.text) }
        let titles = entryTitleHeadings(in: outline, kinds: kinds)
        if !titles.isEmpty {
            promote(titles, in: &outline)
            let promoted = Set(titles.map(\.heading))
            kinds = kinds.indices.filter { !promoted.contains($0) }.map { kinds[$0] }
        }
        struct Open {
            var kind: SectionKind
            var heading: String
            var start: Int
            /// The level that ends the section: a heading at it or above.
            var level: Int
            /// The heading of the list it belongs to (a sub-list's parent).
            var outer: String
            var headingLevel: Int
            /// For the lines under an excluded sub-heading ("Alumni"): the list's kind, to resume at
            /// the next sub-heading no deeper than `suspendedLevel`.
            var resumes: SectionKind?
            var suspendedLevel = 0
        }
        var sections: [Section] = []
        func close(_ open: Open, at end: Int) {
            guard end > open.start || !open.heading.isEmpty else { return }
            sections.append(
                Section(kind: open.kind, heading: open.heading, lines: open.start..<end, level: open.headingLevel)
            )
        }
        func startsEntry(at line: Int) {
            if line < outline.lines.count { outline.lines[line].followsBlankLine = true }
        }
        // The lines before the first heading: no heading ends it but years date its lines.
        var current = Open(kind: .unnamed, heading: "", start: 0, level: 7, outer: "", headingLevel: 0)
        for (position, heading) in outline.headings.enumerated() {
            let kind = kinds[position]
            let open = current
            let deeper = heading.level > open.level
            if kind == .year {
                startsEntry(at: heading.lineIndex)
                let end = outline.headings[(position + 1)...].first?.lineIndex ?? outline.lines.count
                if let year = TextScan.year(inHeading: heading.text) {
                    for index in heading.lineIndex..<end { outline.lines[index].headingYear = year }
                }
                // "2024" after a "Preprints" sub-list: back to the list's own heading.
                if open.kind.namesEntries, deeper, open.heading != open.outer {
                    close(open, at: heading.lineIndex)
                    current.heading = open.outer
                    current.start = heading.lineIndex
                    current.headingLevel = open.level
                }
                continue
            }
            if let resumes = open.resumes, deeper {
                // Under "Alumni": a sibling sub-heading brings the list back, a deeper one does not.
                guard heading.level <= open.suspendedLevel, kind != .other else { continue }
                close(open, at: heading.lineIndex)
                let resumed = kind.namesEntries ? kind : resumes
                current = Open(
                    kind: resumed,
                    heading: kind.namesEntries ? heading.text : open.outer,
                    start: heading.lineIndex,
                    level: open.level,
                    outer: open.outer,
                    headingLevel: heading.level
                )
                startsEntry(at: heading.lineIndex)
                continue
            }
            if open.kind.namesEntries, deeper {
                switch kind {
                case .other:
                    close(open, at: heading.lineIndex)
                    current = Open(
                        kind: .other,
                        heading: heading.text,
                        start: heading.lineIndex,
                        level: open.level,
                        outer: open.outer,
                        headingLevel: heading.level,
                        resumes: open.kind,
                        suspendedLevel: heading.level
                    )
                case .unnamed, .year:
                    // A sub-heading ("Conference papers", "PhD students"): the next line starts an entry.
                    startsEntry(at: heading.lineIndex)
                    if open.heading != open.outer {
                        close(open, at: heading.lineIndex)
                        current.heading = open.outer
                        current.start = heading.lineIndex
                        current.headingLevel = open.level
                    }
                case .publications, .talks, .members:
                    // A sub-list ("Preprints" under "Publications") or another kind ("Invited talks"
                    // under "Publications"); either ends where the section does.
                    close(open, at: heading.lineIndex)
                    current = Open(
                        kind: kind,
                        heading: heading.text,
                        start: heading.lineIndex,
                        level: open.level,
                        outer: kind == open.kind ? open.outer : heading.text,
                        headingLevel: heading.level
                    )
                }
                continue
            }
            // Under "Lab Alumni", its sub-lists ("Graduate Students", "Visitors") are former members too:
            // only a heading at the alumni heading's level or above brings members back.
            if open.kind == .other, open.resumes == nil, deeper, kind == .members,
                SectionKind.namesFormerPeople(open.heading)
            {
                continue
            }
            // An entry's linked title under "Recent Posts" or "News" ("2018: Year in Books") stays in it.
            if open.kind == .other, open.resumes == nil, deeper,
                heading.line.links.contains(where: { $0.range.count * 2 >= heading.line.text.count })
            {
                continue
            }
            close(open, at: heading.lineIndex)
            current = Open(
                kind: kind,
                heading: heading.text,
                start: heading.lineIndex,
                level: heading.level,
                outer: heading.text,
                headingLevel: heading.level
            )
        }
        close(current, at: outline.lines.count)
        return sections.flatMap { splitAtLabels($0, in: &outline) }
    }

    /// Splits an entries section at the lines that label a part of it, as a sub-heading would.
    ///
    /// A
    /// short wholly bold line of its own ("<p><b>Ph.D. Students</b></p>") or a short line ending in
    /// a colon ("Former Advisees:"). The label is no entry; under one that names something else
    /// ("Alumni", "Former students:", "Thesis committee:") nothing is read until the next label.
    static func splitAtLabels(_ section: Section, in outline: inout PageOutline) -> [Section] {
        guard section.kind.namesEntries, section.lines.count >= 2 else { return [section] }
        var parts: [Section] = []
        var start = section.lines.lowerBound
        var excluded = false
        // The entry a title heading opens (a person's card): a label inside it ("Research Interests:")
        // is part of that entry.
        var titled = -1
        for index in section.lines {
            if outline.lines[index].isTitleHeading { titled = outline.lines[index].itemID }
            // Most lines are long or linked: rule them out before copying one.
            guard outline.lines[index].text.count <= 60, outline.lines[index].links.isEmpty,
                titled < 0 || outline.lines[index].itemID != titled,
                let label = label(
                    of: outline.lines[index],
                    after: index > section.lines.lowerBound ? outline.lines[index - 1] : nil,
                    before: index + 1 < section.lines.upperBound ? outline.lines[index + 1] : nil
                )
            else { continue }
            if !excluded, start < index {
                var part = section
                part.lines = start..<index
                parts.append(part)
            }
            excluded = SectionKind(heading: label) == .other
            start = index + 1
            if start < section.lines.upperBound { outline.lines[start].followsBlankLine = true }
        }
        if !excluded, start < section.lines.upperBound {
            var part = section
            part.lines = start..<section.lines.upperBound
            parts.append(part)
        }
        return parts.isEmpty
            ? [
                Section(
                    kind: section.kind,
                    heading: section.heading,
                    lines: section.lines.upperBound..<section.lines.upperBound,
                    level: section.level
                )
            ] : parts
    }

    /// The text of a line that labels what follows it, or nil.
    ///
    /// A wholly bold line of at most six
    /// words that is a block of its own, or a line of at most five words ending in a colon, whose
    /// words name a kind, a year or something else (``SectionKind``). Neither holds a link.
    private static func label(of line: Line, after previous: Line?, before next: Line?) -> String? {
        guard line.links.isEmpty, line.text.count <= 60, line.labelPrefix == 0 else { return nil }
        let words = line.text.count(where: { $0 == 0x20 }) + 1
        // A label names something ("PhD students", "Alumni", "2024"); "Research interest:" or an
        // author's bold name on a line of its own does not.
        func names(_ text: String) -> Bool { SectionKind(heading: text) != .unnamed }
        if line.text.last == UInt8(ascii: ":"), words <= 5 {
            return names(line.string) ? line.string : nil
        }
        let ownBlock = previous.map { $0.blockID != line.blockID || $0.itemID != line.itemID } ?? true
        if words <= 6, ownBlock, line.itemID < 0,
            line.bold.contains(where: { $0.lowerBound == 0 && $0.upperBound >= line.text.count })
        {
            let kind = SectionKind(heading: line.string)
            // A bold line that opens a block of more lines is that entry's title ("<b>Invited Talk -
            // Academic Ceremony 2020</b><br>University …"), unless it names people or something else.
            if let next, next.blockID == line.blockID, next.itemID == line.itemID,
                kind == .talks || kind == .publications
            {
                return nil
            }
            return kind != .unnamed ? line.string : nil
        }
        return nil
    }

    /// Drops headings that say the same thing three times or more and name no kind ("Contact Me:"
    /// in every person's card, "Abstract" in every paper's): a label repeated in each record is part
    /// of the record, and as a heading it would cut the list into one section per record.
    static func dropRepeatedLabels(in outline: inout PageOutline) {
        guard outline.headings.count >= 3 else { return }
        var counts: [String: Int] = [:]
        for heading in outline.headings { counts[heading.text.lowercased(), default: 0] += 1 }
        guard counts.values.contains(where: { $0 >= 3 }) else { return }
        outline.headings.removeAll { heading in
            guard counts[heading.text.lowercased(), default: 0] >= 3 else { return false }
            // "Alumni" under each group still ends that group's members.
            let kind = SectionKind(heading: heading.text)
            return kind == .unnamed || kind == .other && !SectionKind.endsMembersWherever(heading.text)
        }
    }
}
