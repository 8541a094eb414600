import MonitorCore

/// Prints a change set for people: plain text for a terminal or e-mail, or Markdown.
enum ChangeRendering {
    /// Plain text grouped by kind, new entries first, then changed, then removed.
    static func text(_ changes: ChangeSet) -> String {
        render(changes, markdown: false)
    }

    /// The same report as Markdown, with a heading per kind and a bullet per entry.
    static func markdown(_ changes: ChangeSet) -> String {
        render(changes, markdown: true)
    }

    /// A one-line count: "+2 publications, ~1 talk, -1 member".
    static func counts(_ changes: ChangeSet) -> String {
        var parts: [String] = []
        func add<Value: EntryValue>(_ kind: KindChanges<Value>, _ singular: String) {
            for (sign, count) in [("+", kind.added.count), ("~", kind.modified.count), ("-", kind.removed.count)]
            where count > 0 {
                parts.append("\(sign)\(count) \(singular)\(count == 1 ? "" : "s")")
            }
        }
        add(changes.publications, "publication")
        add(changes.talks, "talk")
        add(changes.members, "member")
        return parts.isEmpty ? "no entry changed" : parts.joined(separator: ", ")
    }

    /// The report, or "No changes." when nothing changed.
    static func render(_ changes: ChangeSet, markdown: Bool) -> String {
        var blocks: [String] = []
        append(changes.publications, title: "publications", markdown: markdown, to: &blocks)
        append(changes.talks, title: "talks", markdown: markdown, to: &blocks)
        append(changes.members, title: "members", markdown: markdown, to: &blocks)
        return blocks.isEmpty ? "No changes.\n" : blocks.joined(separator: "\n")
    }

    private static func append<Value: EntryValue>(
        _ changes: KindChanges<Value>,
        title: String,
        markdown: Bool,
        to blocks: inout [String]
    ) {
        let groups: [(String, [[String]])] = [
            ("New \(title)", changes.added.map(summary)),
            ("Changed \(title)", changes.modified.map(modificationLines)),
            ("Removed \(title)", changes.removed.map(summary)),
        ]
        for (heading, items) in groups where !items.isEmpty {
            var block = markdown ? "### \(heading) (\(items.count))\n\n" : "\(heading) (\(items.count))\n"
            for lines in items {
                if markdown {
                    // Two trailing spaces make a Markdown line break inside the bullet.
                    let rendered = ["**\(escaped(lines[0]))**"] + lines.dropFirst().map(escaped)
                    block += "- " + rendered.joined(separator: "  \n  ") + "\n"
                } else {
                    block += "  * \(lines[0])\n"
                    for line in lines.dropFirst() { block += "    \(line)\n" }
                }
            }
            blocks.append(block)
        }
    }

    /// The displayed name, then the other shown fields a line each ("Venue, 2024" on one line).
    private static func summary<Value: EntryValue>(_ entry: Value) -> [String] {
        var lines = [entry.displayName]
        var previous = ""
        for field in entry.comparedFields.dropFirst() where !field.value.isEmpty && field.name != "section" {
            if field.name == "year", previous == "venue" || previous == "venues", let last = lines.popLast() {
                lines.append("\(last), \(field.value)")
            } else {
                lines.append(field.value)
            }
            previous = field.name
        }
        return lines
    }

    /// The new name, then one line per changed field: `year: "2024 (to appear)" → "2024"`.
    private static func modificationLines<Value: EntryValue>(_ modification: EntryModification<Value>) -> [String] {
        var lines = [modification.new.displayName]
        let old = Dictionary(uniqueKeysWithValues: modification.old.comparedFields.map { ($0.name, $0.value) })
        for field in modification.new.comparedFields where modification.fields.contains(field.name) {
            lines.append("\(field.name): \(quoted(old[field.name] ?? "")) → \(quoted(field.value))")
        }
        return lines
    }

    private static func quoted(_ value: String) -> String {
        value.isEmpty ? "(none)" : "\"\(value)\""
    }

    /// Markdown-significant characters escaped so a title shows as written.
    private static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if "\\`*_[]<>#|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
