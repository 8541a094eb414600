import MonitorCore

/// `--explain`'s suggested override: XPath built from the page's own element paths.
extension Extractor {
    /// An override built from the page's own element paths for the section detection is least sure
    /// of: the first one with a doubt, else the largest section that gave nothing (and that no heading
    /// excludes).
    func suggestedOverride(
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
            // A section whose heading names something else ("Alumni", "News") is left out on purpose.
            ?? sections.filter { $0.kind != .other && !read.contains($0.heading) && $0.lines.count >= 3 }.max {
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
        // The most frequent kind of child; a tie goes to the one that comes first in the page (never to the
        // dictionary's order, which changes from run to run).
        guard
            let entryTag = tags.max(by: {
                ($0.value.count, -($0.value.min() ?? 0)) < ($1.value.count, -($1.value.min() ?? 0))
            })?.key
        else { return nil }
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
}
