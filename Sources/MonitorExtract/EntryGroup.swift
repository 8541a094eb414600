/// Splits a section's lines into the groups that each hold one entry (or, for members, one
/// entry per line).
enum EntryGroup {
    /// Groups lines by list item or table row when they are in one; otherwise by block element
    /// (`<p>`, `<div>`), with a blank line (two `<br>`) also ending a group.
    ///
    /// - Parameter lines: A section's lines in page order.
    /// - Returns: The groups in page order, none empty, as slices of `lines`.
    static func split(_ lines: ArraySlice<Line>) -> [ArraySlice<Line>] {
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
