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
    /// - Returns: The entries by kind, in page order.
    /// - Throws: ``ExtractError`` when the body is empty, not HTML, or shows no entries at all.
    public func entries(in html: [UInt8], url: String, contentType: String? = nil) throws -> PageEntries {
        var outline = try outline(of: html, url: url, contentType: contentType)
        let base = URLResolver(base: outline.baseHref, page: url)
        let sections = Extractor.sections(of: &outline)
        var entries = PageEntries()
        for section in sections {
            let groups = EntryGroup.split(outline.lines[section.lines])
            switch section.kind {
            case .publications:
                let label = SectionKind.label(ofPublicationHeading: section.heading)
                for group in groups {
                    guard var publication = EntryParser.publication(from: group, links: base) else { continue }
                    publication.section = label
                    entries.publications.append(publication)
                }
            case .talks:
                entries.talks += groups.compactMap { EntryParser.talk(from: $0, links: base) }
            case .members:
                entries.members += groups.flatMap { EntryParser.members(from: $0, links: base) }
            case .other:
                break
            }
        }
        guard !entries.isEmpty else { throw ExtractError(.noEntries, url: url) }
        return entries
    }

    /// Extracts the entries of a watched site's page.
    ///
    /// - Parameters:
    ///   - html: The page body.
    ///   - site: The site; its URL resolves relative links.
    ///   - contentType: The HTTP `Content-Type` header, if known.
    /// - Returns: The entries by kind, in page order.
    /// - Throws: ``ExtractError``.
    public func entries(in html: [UInt8], site: Site, contentType: String? = nil) throws -> PageEntries {
        try entries(in: html, url: site.url, contentType: contentType)
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
    }

    /// Splits the outline's lines into sections at headings.
    ///
    /// A heading that names a kind starts a section of that kind at any level. Another heading
    /// ends the section when it is at the same or a higher level; deeper, it is a sub-heading: the
    /// line after it starts a new entry, and a year such as "2023" dates the entries below it.
    static func sections(of outline: inout PageOutline) -> [Section] {
        var sections: [Section] = []
        var current: (kind: SectionKind, heading: String, start: Int, level: Int)?
        for (position, heading) in outline.headings.enumerated() {
            let kind = SectionKind(heading: heading.text)
            if let open = current, kind == .other, heading.level > open.level {
                guard heading.lineIndex < outline.lines.count else { continue }
                outline.lines[heading.lineIndex].followsBlankLine = true
                if let year = TextScan.year(inHeading: heading.text) {
                    let end = outline.headings[(position + 1)...].first?.lineIndex ?? outline.lines.count
                    for index in heading.lineIndex..<end { outline.lines[index].headingYear = year }
                }
                continue
            }
            if let open = current, open.kind != .other {
                sections.append(Section(kind: open.kind, heading: open.heading, lines: open.start..<heading.lineIndex))
            }
            current = (kind, heading.text, heading.lineIndex, heading.level)
        }
        if let open = current, open.kind != .other {
            sections.append(Section(kind: open.kind, heading: open.heading, lines: open.start..<outline.lines.count))
        }
        return sections
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
}
