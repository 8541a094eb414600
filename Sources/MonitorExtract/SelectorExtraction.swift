import MonitorCore

/// Reads the entries of one kind with a site's XPath overrides.
///
/// The `entry` nodes are the entries; each is read as detection reads a group of lines, then the
/// fields that have a rule are replaced by what their expression gives.
struct SelectorExtraction {
    let document: HTMLDocument
    let resolver: URLResolver
    let url: String

    /// Publications, talks or members by `rules`, with a report section.
    ///
    /// - Parameters:
    ///   - kind: The kind to read.
    ///   - rules: Its rules.
    ///   - entries: Where the entries are appended.
    /// - Returns: What was done, for `--explain`.
    /// - Throws: ``ExtractError`` `.badSelector` when an expression fails, `section` or `entry` gives a
    ///   value instead of elements, or a field gives a number or truth value.
    func extract(_ kind: EntryKind, rules: SelectorRules, into entries: inout PageEntries) throws
        -> ExtractionReport.Section
    {
        var report = ExtractionReport.Section(
            title: rules.section ?? "(whole page)",
            kind: kind,
            reason: "[sites.selectors.\(kind.plural)] override",
            grouping: "entry = \(rules.entry)",
            groups: 0,
            entries: 0,
            rejected: []
        )
        let found = try entryNodes(rules)
        if let section = rules.section {
            report.grouping =
                "section = \(section) matched \(found.sections) element\(found.sections == 1 ? "" : "s"); "
                + "entry = \(rules.entry) matched \(found.entries.count)"
        } else {
            report.grouping = "entry = \(rules.entry) matched \(found.entries.count)"
        }
        for node in found.entries {
            report.groups += 1
            let outline = node.outline()
            let lines = outline.lines[...]
            var made = false
            switch kind {
            case .publication:
                if let publication = try publication(from: lines, node: node, rules: rules) {
                    entries.publications.append(publication)
                    made = true
                }
            case .talk:
                if let talk = try talk(from: lines, node: node, rules: rules) {
                    entries.talks.append(talk)
                    made = true
                }
            case .member:
                if let member = try member(from: lines, node: node, rules: rules) {
                    entries.members.append(member)
                    made = true
                }
            }
            if made {
                report.entries += 1
            } else if report.rejected.count < 5 {
                report.rejected.append(lines.first?.string ?? "(no text)")
            }
        }
        return report
    }

    private func publication(from lines: ArraySlice<Line>, node: Node, rules: SelectorRules) throws -> Publication? {
        var publication = EntryParser.publication(from: lines, links: resolver)
        if let title = try text("title", rules, node) {
            publication = publication ?? Publication(title: title)
            publication?.title = title
        }
        guard var publication else { return nil }
        if let authors = try text("authors", rules, node) {
            publication.authors = TextScan.authors(Array(authors.utf8))
            publication.byline = TextScan.byline(Array(authors.utf8))
        }
        if rules.fields["venue"] != nil { publication.venue = try text("venue", rules, node) }
        if rules.fields["year"] != nil { publication.year = try text("year", rules, node) }
        if rules.fields["url"] != nil { publication.url = try link("url", rules, node) }
        if rules.fields["note"] != nil { publication.note = try text("note", rules, node) }
        return publication
    }

    private func talk(from lines: ArraySlice<Line>, node: Node, rules: SelectorRules) throws -> Talk? {
        var talk = EntryParser.talk(from: lines, links: resolver)
        if let title = try text("title", rules, node) {
            talk = talk ?? Talk(title: title)
            talk?.title = title
        }
        guard var talk else { return nil }
        if rules.fields["venues"] != nil { talk.venues = try text("venues", rules, node) }
        if rules.fields["year"] != nil { talk.year = try text("year", rules, node) }
        if rules.fields["url"] != nil { talk.url = try link("url", rules, node) }
        return talk
    }

    private func member(from lines: ArraySlice<Line>, node: Node, rules: SelectorRules) throws -> Member? {
        var member = EntryParser.members(from: lines, links: resolver).first
        if let name = try text("name", rules, node) {
            member = member ?? Member(name: name)
            member?.name = name
        }
        guard var member else { return nil }
        if rules.fields["url"] != nil { member.url = try link("url", rules, node) }
        if rules.fields["description"] != nil { member.description = try text("description", rules, node) }
        return member
    }

    // MARK: - Evaluating

    /// The entry nodes, each once, in the order found, and how many section nodes matched.
    private func entryNodes(_ rules: SelectorRules) throws -> (entries: [Node], sections: Int) {
        let sections = try rules.section.map { try nodes($0, at: nil) } ?? [nil]
        var entries: [Node] = []
        var seen = Set<UnsafeMutableRawPointer>()
        for section in sections {
            for case let node? in try nodes(rules.entry, at: section)
            where seen.insert(UnsafeMutableRawPointer(node.pointer)).inserted {
                entries.append(node)
            }
        }
        return (entries, rules.section == nil ? 1 : sections.count)
    }

    private func nodes(_ expression: String, at node: Node?) throws -> [Node?] {
        guard case .nodes(let nodes) = try evaluate(expression, at: node) else {
            throw ExtractError(
                .badSelector(expression, "it gives a value, not elements; select elements such as .//li"),
                url: url
            )
        }
        return nodes
    }

    private func evaluate(_ expression: String, at node: Node?) throws -> XPathValue {
        do {
            return try XPath.evaluate(expression, at: node, in: document)
        } catch var error as ExtractError {
            error.url = url
            throw error
        }
    }

    /// A field's text: a string result as it is, else the first selected node's displayed text.
    private func text(_ field: String, _ rules: SelectorRules, _ node: Node) throws -> String? {
        guard let expression = rules.fields[field] else { return nil }
        let text: String
        switch try evaluate(expression, at: node) {
        case .text(let value):
            text = value
        case .scalar(let value):
            throw ExtractError(
                .badSelector(
                    expression,
                    "\(field) gives the number or truth value \(value); select text, e.g. .//b or string(.//a/@href)"
                ),
                url: url
            )
        case .nodes(let nodes):
            guard let first = nodes.first else { return nil }
            text = first.isAttribute ? first.content : first.outline().lines.map(\.string).joined(separator: " ")
        }
        let collapsed = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }

    /// A field's URL: a string or attribute result resolved, else the selected element's (first) link.
    private func link(_ field: String, _ rules: SelectorRules, _ node: Node) throws -> String? {
        guard let expression = rules.fields[field] else { return nil }
        switch try evaluate(expression, at: node) {
        case .text(let value):
            return resolver.resolve(value)
        case .scalar(let value):
            throw ExtractError(
                .badSelector(
                    expression,
                    "\(field) gives the number or truth value \(value); select a link, e.g. .//a/@href"
                ),
                url: url
            )
        case .nodes(let nodes):
            guard let first = nodes.first else { return nil }
            if first.isAttribute { return resolver.resolve(first.content) }
            if let href = first.attribute("href") { return resolver.resolve(href) }
            return first.outline().lines.lazy.flatMap(\.links).first.flatMap { resolver.resolve($0.href) }
        }
    }
}
