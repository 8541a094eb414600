import MonitorCore

/// Turns a homepage's HTML into its publications, talks and members.
///
/// Sections are found by their headings ("Publications", "Recent publications", "Talks",
/// "Group members", …); inside a section, entries are found from the repeated structure:
/// `<p>` blocks, `<li>` items, table rows, or runs of lines separated by blank lines.
/// Nothing in here knows a particular site.
public struct Extractor: Sendable {
    /// Creates an extractor.
    public init() {}

    /// Extracts the entries of one page.
    ///
    /// - Parameters:
    ///   - html: The page body as fetched or read from disk.
    ///   - url: The page's URL; relative links resolve against it (a `<base href>` wins). A file
    ///     path is fine when links need no resolving; it also names the page in errors.
    ///   - contentType: The HTTP `Content-Type` header, whose charset wins over the page's own.
    ///   - selectors: XPath overrides; a kind with rules is read by them instead of detected.
    /// - Returns: The entries by kind, in page order.
    /// - Throws: ``ExtractError`` when the body is empty, not HTML, shows no entries at all, or an
    ///   override does not work.
    public func entries(
        in html: [UInt8],
        url: String,
        contentType: String? = nil,
        selectors: SiteSelectors = SiteSelectors()
    ) throws -> PageEntries {
        try read(html, url: url, contentType: contentType, selectors: selectors).entries
    }

    /// Extracts the entries of one page with the doubts detection had about it.
    ///
    /// - Parameters: as ``entries(in:url:contentType:selectors:)``.
    /// - Returns: The entries and the sections detection was unsure of (none on most pages).
    /// - Throws: ``ExtractError``.
    public func read(
        _ html: [UInt8],
        url: String,
        contentType: String? = nil,
        selectors: SiteSelectors = SiteSelectors()
    ) throws -> (entries: PageEntries, doubts: [ExtractionDoubt]) {
        var report: ExtractionReport?
        var doubts: [ExtractionDoubt] = []
        let entries = try extract(
            html,
            url: url,
            contentType: contentType,
            selectors: selectors,
            report: &report,
            doubts: &doubts
        )
        return (entries, doubts)
    }

    /// Extracts the entries of one page and says how: the sections, why each has its kind, how
    /// its lines were grouped, and the groups that gave no entry.
    ///
    /// - Parameters:
    ///   - html: The page body.
    ///   - url: The page's URL (or a file path).
    ///   - contentType: The HTTP `Content-Type` header, if known.
    ///   - selectors: XPath overrides.
    /// - Returns: The report, entries included (possibly none).
    /// - Throws: ``ExtractError`` when the body is empty, not HTML, or an override does not work.
    public func explain(
        in html: [UInt8],
        url: String,
        contentType: String? = nil,
        selectors: SiteSelectors = SiteSelectors()
    ) throws -> ExtractionReport {
        var report: ExtractionReport? = ExtractionReport()
        var entries = PageEntries()
        var doubts: [ExtractionDoubt] = []
        do {
            entries = try extract(
                html,
                url: url,
                contentType: contentType,
                selectors: selectors,
                report: &report,
                doubts: &doubts
            )
        } catch let error as ExtractError where error.code == .noEntries {
            // An empty result is what the report is for.
        }
        var result = report ?? ExtractionReport()
        result.entries = entries
        result.doubts = doubts
        if selectors.isEmpty {
            result.suggestion = try? suggestedOverride(html, url: url, contentType: contentType, report: result)
        }
        return result
    }

    /// An override built from the page's own element paths for the section detection is least sure
    /// of: the first one with a doubt, else the largest section that gave nothing.
    private func suggestedOverride(
        _ html: [UInt8],
        url: String,
        contentType: String?,
        report: ExtractionReport
    ) throws -> ExtractionReport.Suggestion? {
        let decoded = Charset.decode(html, contentType: contentType)
        var outline = try HTMLStream.outline(
            of: decoded.bytes,
            encoding: decoded.encoding,
            url: url,
            recordsElements: true
        )
        let sections = Extractor.sections(of: &outline)
        let doubted = Set(report.doubts.map(\.section))
        let read = Set(report.sections.filter { $0.entries > 0 }.map(\.title))
        let target =
            sections.first { doubted.contains($0.heading) && !$0.lines.isEmpty }
            ?? sections.filter { !read.contains($0.heading) && $0.lines.count >= 3 }.max {
                $0.lines.count < $1.lines.count
            }
        guard let target else { return nil }
        let lines = outline.lines[target.lines]
        // The smallest container that holds every line, and the kind of child each entry is.
        guard let root = PageOutline.commonContainer(of: lines.lazy.map(\.containerID), parents: outline.parents)
        else { return nil }
        var children: [Int: Int] = [:]
        for line in lines {
            var current = line.containerID
            while current > 0, outline.parents[current] != root { current = outline.parents[current] }
            if current > 0 { children[current, default: 0] += 1 }
        }
        let tags = Dictionary(grouping: children.keys, by: { outline.elements[$0].tag })
        guard let entryTag = tags.max(by: { $0.value.count < $1.value.count })?.key else { return nil }
        let kind = target.kind.entryKind ?? .publication
        let title = String(target.heading.filter { $0 != "'" })
        if ["body", "html"].contains(outline.elements[root].tag), !title.isEmpty, target.level > 0 {
            // No container of its own: the entries are the elements after the heading.
            return ExtractionReport.Suggestion(
                kind: kind,
                section: "//body",
                entry: "./\(entryTag)[preceding-sibling::h\(target.level)[1][normalize-space(.) = '\(title)']]"
            )
        }
        return ExtractionReport.Suggestion(
            kind: kind,
            section: Extractor.path(to: root, in: outline, heading: target.heading),
            entry: "./\(entryTag)"
        )
    }

    /// An XPath expression for a container: by its id, else its first class, else its place after
    /// the section's heading.
    static func path(to container: Int, in outline: PageOutline, heading: String) -> String {
        let element = outline.elements[container]
        func quoted(_ text: String) -> String { text.contains("'") ? "\"\(text)\"" : "'\(text)'" }
        if let id = element.id, !id.isEmpty, !id.contains("'") || !id.contains("\"") {
            return "//\(element.tag)[@id=\(quoted(id))]"
        }
        if let first = element.className?.split(whereSeparator: \.isWhitespace).first {
            let name = String(first)
            var parent = outline.parents[container]
            var prefix = "/"
            // Anchor a generic class ("row", "container") on an ancestor with an id when there is one.
            while parent > 0 {
                if let id = outline.elements[parent].id, !id.isEmpty {
                    prefix = "//\(outline.elements[parent].tag)[@id=\(quoted(id))]/"
                    break
                }
                parent = outline.parents[parent]
            }
            return "\(prefix)/\(element.tag)[contains(concat(' ', normalize-space(@class), ' '), ' \(name) ')]"
        }
        let title = String(heading.filter { $0 != "'" })
        return title.isEmpty
            ? "//\(element.tag)"
            : "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][normalize-space(.) = '\(title)']"
                + "/following::\(element.tag)[1]"
    }

    /// Extracts the entries of a watched site's page, with the site's overrides.
    ///
    /// - Parameters:
    ///   - html: The page body.
    ///   - site: The site; its URL resolves relative links.
    ///   - contentType: The HTTP `Content-Type` header, if known.
    /// - Returns: The entries by kind, in page order.
    /// - Throws: ``ExtractError``.
    public func entries(in html: [UInt8], site: Site, contentType: String? = nil) throws -> PageEntries {
        try entries(in: html, url: site.url, contentType: contentType, selectors: site.selectors)
    }

    private func extract(
        _ html: [UInt8],
        url: String,
        contentType: String?,
        selectors: SiteSelectors,
        report: inout ExtractionReport?,
        doubts: inout [ExtractionDoubt]
    ) throws -> PageEntries {
        var entries = PageEntries()
        let detected = EntryKind.allCases.filter { selectors[$0] == nil }
        if !detected.isEmpty {
            var outline = try outline(of: html, url: url, contentType: contentType)
            let base = URLResolver(base: outline.baseHref, page: url)
            for var section in Extractor.sections(of: &outline) {
                if section.kind == .unnamed, detected.contains(.publication) {
                    let records = Extractor.records(
                        in: outline.lines[section.lines],
                        parents: outline.parents,
                        links: base
                    )
                    if records.citations >= 3, records.citations * 2 > records.count {
                        section.kind = .publications
                        section.isNamed = false
                    } else if records.count >= 5, records.dated * 2 >= records.count {
                        doubts.append(
                            ExtractionDoubt(
                                section: section.heading,
                                reason: "\(records.count) dated records under a heading that names no kind, and "
                                    + "\(records.citations) read as citations"
                            )
                        )
                    }
                }
                let kind = section.kind.entryKind.flatMap { detected.contains($0) ? $0 : nil }
                var groups =
                    kind.map { Extractor.groups(of: outline.lines[section.lines], as: $0, outline, base) } ?? []
                if kind == .member {
                    groups = EntryGroup.personCards(groups, of: outline.lines[section.lines], parents: outline.parents)
                }
                var found = 0
                var rejected: [String] = []
                let talks = kind == .talk ? EntryParser.talks(in: groups, links: base) : []
                let label = kind == .publication ? SectionKind.label(ofPublicationHeading: section.heading) : nil
                var columns: [String]?
                var listYear: String?
                var skipNext = false
                for (position, group) in groups.enumerated() {
                    let before = entries.total
                    if skipNext {
                        skipNext = false
                        continue
                    }
                    switch kind {
                    case .publication:
                        // A table's header row ("Year | Title | Authors | Venue") names the columns below it.
                        if let header = EntryParser.headerColumns(group, known: EntryParser.publicationColumns) {
                            columns = header
                            continue
                        }
                        // A list item that is only a year ("<li>2024<ul>…") dates the entries after it.
                        if group.count == 1, let only = group.first, let year = TextScan.year(inHeading: only.string),
                            only.text.count <= 6
                        {
                            listYear = year
                            continue
                        }
                        // An award item right under a paper ("<ul><li>Best Paper Award</li></ul>") is its note.
                        if group.count == 1, let only = group.first, EntryParser.isAward(only),
                            let last = entries.publications.indices.last, found > 0
                        {
                            let note = entries.publications[last].note
                            entries.publications[last].note = note.map { "\($0); \(only.string)" } ?? only.string
                            continue
                        }
                        let row = columns.flatMap { EntryParser.publication(fromRow: group, columns: $0, links: base) }
                        var found = row ?? EntryParser.publication(from: group, links: base)
                        // A title alone in its block, its authors and venue in the next one: one entry.
                        if found == nil, group.count == 1, let only = group.first, EntryParser.isSetOffTitle(only),
                            position + 1 < groups.count,
                            groups[position + 1].startIndex == group.endIndex,
                            let next = groups[position + 1].first, EntryParser.isNameList(next),
                            let joined = EntryParser.publication(
                                from: outline.lines[group.startIndex..<groups[position + 1].endIndex],
                                links: base
                            )
                        {
                            found = joined
                            skipNext = true
                        }
                        if var publication = found {
                            publication.section = label
                            if publication.year == nil { publication.year = listYear }
                            entries.publications.append(publication)
                        }
                    case .talk:
                        entries.talks += talks[position]
                    case .member:
                        entries.members += EntryParser.members(from: group, links: base)
                    case nil:
                        break
                    }
                    found += entries.total - before
                    if entries.total == before, rejected.count < 5, let first = group.first {
                        rejected.append(first.string)
                    }
                }
                if let kind, groups.count >= 4, found * 2 < groups.count {
                    doubts.append(
                        ExtractionDoubt(
                            section: section.heading,
                            reason: "\(found) of \(groups.count) records read as \(kind.plural)"
                        )
                    )
                }
                report?.sections.append(
                    ExtractionReport.Section(
                        title: section.heading,
                        kind: kind,
                        reason: section.isNamed
                            ? section.kind.reason(overridden: section.kind.entryKind.map { !detected.contains($0) })
                            : "its records look like citations (authors, a title, a venue or year)",
                        grouping: kind == nil ? "" : EntryGroup.describe(outline.lines[section.lines]),
                        groups: groups.count,
                        entries: found,
                        rejected: rejected,
                        lineCount: section.lines.count,
                        level: section.level
                    )
                )
            }
        } else {
            _ = try outline(of: html, url: url, contentType: contentType)
        }
        if !selectors.isEmpty {
            let decoded = Charset.decode(html, contentType: contentType)
            let document = try HTMLDocument(parsing: decoded.bytes, encoding: decoded.encoding, url: url)
            var baseHref: String?
            if case .text(let href) = try XPath.evaluate("string(//base/@href)", at: nil, in: document), !href.isEmpty {
                baseHref = href
            }
            let extraction = SelectorExtraction(
                document: document,
                resolver: URLResolver(base: baseHref, page: url),
                url: url
            )
            for kind in EntryKind.allCases {
                guard let rules = selectors[kind] else { continue }
                let section = try extraction.extract(kind, rules: rules, into: &entries)
                report?.sections.append(section)
            }
        }
        guard !entries.isEmpty else { throw ExtractError(.noEntries, url: url) }
        return entries
    }

    /// Parses a page and returns its outline: the libxml2 tree lives only inside this call.
    func outline(of html: [UInt8], url: String, contentType: String?) throws -> PageOutline {
        guard !html.isEmpty else { throw ExtractError(.emptyPage, url: url) }
        guard Extractor.looksLikeHTML(html) else { throw ExtractError(.notHTML, url: url) }
        let decoded = Charset.decode(html, contentType: contentType)
        do {
            return try HTMLStream.outline(of: decoded.bytes, encoding: decoded.encoding, url: url)
        } catch let error as ExtractError where error.code == .unsupportedEncoding(decoded.encoding) {
            // libxml2 has no converter for the declared charset: read the bytes as UTF-8 instead.
            return try HTMLStream.outline(of: Charset.repairedUTF8(html), encoding: "UTF-8", url: url)
        }
    }

    /// A cheap test that a body is markup: no NUL bytes, and a tag near the start.
    static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        let head = body.prefix(2048)
        if head.contains(0) {
            // UTF-16 pages carry NULs; they start with a byte-order mark.
            return body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF])
        }
        return head.contains(UInt8(ascii: "<"))
    }

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
    static func groups(
        of lines: ArraySlice<Line>,
        as kind: EntryKind,
        _ outline: PageOutline,
        _ base: URLResolver
    ) -> [ArraySlice<Line>] {
        EntryGroup.split(lines, parents: outline.parents) { line in
            switch kind {
            case .publication: EntryParser.citation(from: line, links: base) != nil
            case .talk: EntryParser.talk(from: [line], links: base).map { $0.year != nil && $0.venues != nil } ?? false
            case .member: EntryParser.member(from: line, links: base)?.description != nil
            }
        }
    }

    /// What the records of a section whose heading names no kind look like.
    ///
    /// A record reads as a citation when it parses as a publication with a title of three words or
    /// more, a year (or status) and authors or a venue. Records that are a single short line (a
    /// "[show all]" link, a caption) are not counted.
    ///
    /// A year in running text ("maintained since 2003", "from 2004-2009") does not date its record.
    ///
    /// - Returns: How many records there are, how many read as citations, and how many show a year.
    static func records(
        in lines: ArraySlice<Line>,
        parents: [Int],
        links base: URLResolver
    ) -> (count: Int, citations: Int, dated: Int) {
        guard lines.count >= 2 else { return (0, 0, 0) }
        let groups = EntryGroup.split(lines, parents: parents) { EntryParser.citation(from: $0, links: base) != nil }
        var records = 0
        var citations = 0
        var dated = 0
        for group in groups {
            if group.count == 1, let only = group.first, only.text.count < 40 { continue }
            records += 1
            if group.contains(where: { line in
                TextScan.lastYear(in: line.text).map { !TextScan.isInProse($0, line.text) } ?? false
            }) {
                dated += 1
            }
            guard let publication = EntryParser.publication(from: group, links: base) else { continue }
            let words = publication.title.utf8.count(where: { $0 == 0x20 }) + 1
            if words >= 3, publication.year != nil, publication.venue != nil || !publication.authors.isEmpty {
                citations += 1
            }
        }
        return (records, citations, dated)
    }

    /// Splits the outline's lines into sections at headings (sections of no kind included).
    ///
    /// A heading that names a kind starts a section of that kind at any level. Another heading
    /// ends the section when it is at the same or a higher level; deeper, it is a sub-heading: the
    /// line after it starts a new entry. A year heading ("2023") at any level dates the entries
    /// below it and never ends a section. A deeper heading that names something else ("Alumni",
    /// "Posters") holds no entries, and the list resumes at the next sub-heading of its level.
    /// The lines before the first heading are a section of their own, with no heading.
    static func sections(of outline: inout PageOutline) -> [Section] {
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
        for index in section.lines {
            // Most lines are long or linked: rule them out before copying one.
            guard outline.lines[index].text.count <= 60, outline.lines[index].links.isEmpty,
                let label = label(
                    of: outline.lines[index],
                    after: index > section.lines.lowerBound ? outline.lines[index - 1] : nil
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
    private static func label(of line: Line, after previous: Line?) -> String? {
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
            return names(line.string) ? line.string : nil
        }
        return nil
    }
}

extension Extractor {
    /// A sub-heading that titles one entry: a card's `<h5>`, an archive item's `<h2>`, a person's name.
    struct EntryTitle {
        /// Its index in ``PageOutline/headings``.
        var heading: Int
        /// The container that holds the entry: the largest around the heading with no other heading of its level.
        var container: Int
        /// How many lines right below the heading are in that container.
        var lineCount: Int
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
        var open: (kind: SectionKind, level: Int)?
        for (index, heading) in outline.headings.enumerated() {
            let kind = kinds[index]
            if kind == .year { continue }
            if let current = open, current.kind.namesEntries, heading.level > current.level {
                if let previous = candidates.last, previous == index - 1, heading.line.containerID > 0,
                    outline.headings[previous].line.containerID == heading.line.containerID
                {
                    // A person's role ("Postdoctoral Research Associate") under the name in one card is
                    // part of that entry, whatever its words.
                    candidates.append(index)
                } else if kind.namesEntries {
                    open = (kind, current.level)
                } else if kind == .unnamed, heading.line.containerID > 0 {
                    candidates.append(index)
                    if current.kind == .members { inMembers.insert(index) }
                }
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
        for index in candidates {
            let heading = outline.headings[index]
            guard let tally = counts[heading.level] else { continue }
            var container = -1
            var candidate = heading.line.containerID
            while candidate > 0, tally[candidate] == 1 {
                container = candidate
                candidate = outline.parents[candidate]
            }
            guard container > 0 else { continue }
            var end = heading.lineIndex
            while end < outline.lines.count, end - heading.lineIndex <= 8,
                outline.container(outline.lines[end].containerID, isIn: container)
            {
                end += 1
            }
            let count = end - heading.lineIndex
            guard count <= 8 else { continue }
            titles.append(EntryTitle(heading: index, container: container, lineCount: count))
        }
        // A title with no lines of its own needs a partner heading in the same container, or must be a
        // person's name in a members section (Wowchemy's people widget without roles).
        return titles.filter { title in
            title.lineCount > 0
                || titles.contains { $0.heading != title.heading && $0.container == title.container }
                || (inMembers.contains(title.heading) && EntryParser.isNameLine(outline.headings[title.heading].line))
        }
    }

    /// Turns entry-title headings into the first line of their entry: the heading's line goes
    /// in before the lines below it, and those lines and it form one group.
    static func promote(_ titles: [EntryTitle], in outline: inout PageOutline) {
        var lines: [Line] = []
        lines.reserveCapacity(outline.lines.count + titles.count)
        var headings: [Heading] = []
        var next = 0
        var groupEnd = -1
        var group = -1
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
            var line = heading.line
            line.itemID = title.container
            line.followsBlankLine = false
            line.isTitleHeading = true
            lines.append(line)
            group = title.container
            groupEnd = heading.lineIndex + title.lineCount
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

    /// Parses `html` with libxml2 and frees the tree, and nothing else.
    ///
    /// The baseline that `monitor-bench` compares extraction with: same bytes, same parser options.
    ///
    /// - Throws: ``ExtractError`` when libxml2 builds no tree.
    @_spi(Benchmarks)
    public static func parseOnly(_ html: [UInt8]) throws {
        _ = try HTMLDocument(parsing: html, url: "benchmark")
    }

    /// Streams `html` into its outline (the first stage of extraction), and nothing else.
    ///
    /// Lets `monitor-bench` tell the parse-and-walk stage from the rules that read its lines.
    ///
    /// - Throws: ``ExtractError``.
    @_spi(Benchmarks)
    public func outlineOnly(_ html: [UInt8]) throws -> Int {
        try outline(of: html, url: "https://bench.example.org/", contentType: nil).lines.count
    }
}

extension PageEntries {
    /// Entries of all kinds.
    fileprivate var total: Int { publications.count + talks.count + members.count }
}

extension Extractor {
    /// Why an XPath expression for a selector override does not compile, or nil when it does.
    ///
    /// - Parameter expression: An XPath 1.0 expression from the configuration.
    /// - Returns: libxml2's message ("Invalid expression", "Unfinished literal", …), or nil.
    public static func selectorProblem(_ expression: String) -> String? {
        XPath.problem(in: expression)
    }
}
