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
                if section.kind == .unnamed, detected.contains(.member),
                    Extractor.looksLikePersonCards(outline.lines[section.lines])
                {
                    section.kind = .members
                    section.isNamed = false
                }
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
                // A table of contents (links to this page's own anchors) is no entry.
                groups.removeAll(where: EntryGroup.isInPageNavigation)
                var found = 0
                var rejected: [String] = []
                let talks = kind == .talk ? EntryParser.talks(in: groups, links: base) : []
                let label = kind == .publication ? SectionKind.label(ofPublicationHeading: section.heading) : nil
                var columns: [String]?
                var listYear: String?
                var skipNext = false
                var skipThrough = -1
                var lastPaperGroup: Int?
                for (position, group) in groups.enumerated() {
                    let before = entries.total
                    if skipNext {
                        skipNext = false
                        continue
                    }
                    if position <= skipThrough { continue }
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
                        // Lines of one block, each a whole citation ("A, B. Title. Venue, 2021.<br>"): one entry each.
                        if columns == nil, group.count >= 2,
                            group.allSatisfy({ TextScan.lastYear(in: $0.text) != nil }),
                            let first = group.first, EntryParser.citation(from: first, links: base) != nil
                        {
                            let each = group.compactMap { EntryParser.citation(from: $0, links: base) }
                            if each.count == group.count, each.allSatisfy({ $0.year != nil }) {
                                for var publication in each {
                                    publication.section = label
                                    entries.publications.append(publication)
                                }
                                lastPaperGroup = position
                                break
                            }
                        }
                        let row = columns.flatMap { EntryParser.publication(fromRow: group, columns: $0, links: base) }
                        var found = row ?? EntryParser.publication(from: group, links: base)
                        // The authors alone in their block, the citation in the next one ("<p>Ruiz, A. and
                        // Li, B.</p><p><a>Title</a>, Journal, 2021.</p>"): one entry, these its authors.
                        if found == nil, group.count == 1, let only = group.first, EntryParser.isNameList(only),
                            TextScan.lastYear(in: only.text) == nil, !EntryParser.isSetOffTitle(only),
                            position + 1 < groups.count, groups[position + 1].startIndex == group.endIndex,
                            var next = EntryParser.publication(from: groups[position + 1], links: base),
                            next.authors.isEmpty
                        {
                            next.authors = TextScan.authors(only.text)
                            next.byline = TextScan.byline(only.text)
                            found = next
                            skipNext = true
                        }
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
                        // A title whose authors, venue and note are the items of a list nested in its own item
                        // (`<li><a>Title</a><ul><li>Authors</li><li>Venue, 2017</li></ul></li>`): one entry.
                        if Extractor.isUndated(found), let head = group.first, head.itemID > 0,
                            EntryParser.isSetOffTitle(head), TextScan.year(inHeading: head.string) == nil
                        {
                            var end = position + 1
                            while end < groups.count, end - position <= 6,
                                groups[end].startIndex == groups[end - 1].endIndex,
                                let first = groups[end].first, first.itemID != head.itemID,
                                outline.container(first.itemID, isIn: head.itemID),
                                // A category item holding a list of papers is no entry of its own.
                                EntryParser.publication(from: groups[end], links: base) == nil
                            {
                                end += 1
                            }
                            if end > position + 1,
                                let joined = EntryParser.publication(
                                    from: outline.lines[group.startIndex..<groups[end - 1].endIndex],
                                    links: base
                                ), joined.venue != nil || joined.year != nil
                            {
                                found = joined
                                skipThrough = end - 1
                            }
                        }
                        // A row of buttons in its own block under a paper ("[PDF] [LINK]"): that paper's links.
                        if found == nil, group.allSatisfy(EntryParser.isLinkRow),
                            group.allSatisfy({ $0.links.allSatisfy { $0.range.count <= 16 } }), position > 0,
                            groups[position - 1].endIndex == group.startIndex, lastPaperGroup == position - 1,
                            let last = entries.publications.indices.last
                        {
                            let links = EntryParser.otherLinks(in: group, except: nil, resolver: base)
                            var paper = entries.publications[last]
                            paper.links += links
                            if paper.url == nil
                                || paper.links.contains(where: { $0.url == paper.url && !EntryParser.isPaperLink($0) }),
                                let pdf = links.first(where: EntryParser.isPaperLink)
                            {
                                paper.url = pdf.url
                            }
                            entries.publications[last] = paper
                            continue
                        }
                        if var publication = found.take() {
                            publication.section = label
                            if publication.year == nil { publication.year = listYear }
                            entries.publications.append(publication)
                            lastPaperGroup = skipNext ? position + 1 : max(position, skipThrough)
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
                            : kind == .member
                                ? "its records look like person cards (a name heading above a role)"
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
}

extension Extractor {
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

extension Extractor {
    /// True when there is no paper, or one with neither venue nor year.
    ///
    /// A function, so that the paper is borrowed: `found?.venue == nil` copied it whole, for every entry.
    fileprivate static func isUndated(_ publication: Publication?) -> Bool {
        guard let publication else { return true }
        return publication.venue == nil && publication.year == nil
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
