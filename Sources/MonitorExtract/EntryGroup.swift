/// Splits a section's lines into the groups that each hold one entry (or, for members, one
/// entry per line).
enum EntryGroup {
    /// Groups lines by list item or table row when they are in one; otherwise by block element
    /// (`<p>`, `<div>`), with a blank line (two `<br>`) also ending a group.
    ///
    /// - Parameter lines: A section's lines in page order.
    /// - Returns: The groups in page order, none empty.
    static func split(_ lines: [Line]) -> [[Line]] {
        var groups: [[Line]] = []
        var current: [Line] = []
        for line in lines {
            if let last = current.last, startsGroup(line, after: last) {
                groups.append(current)
                current = []
            }
            current.append(line)
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    private static func startsGroup(_ line: Line, after previous: Line) -> Bool {
        if line.itemID != previous.itemID { return true }
        if line.itemID >= 0 { return false }
        return line.blockID != previous.blockID || line.followsBlankLine
    }
}
