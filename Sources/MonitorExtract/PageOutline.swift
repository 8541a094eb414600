/// The visible text of a page, reduced to what entry extraction needs: lines with their inline
/// styling, and the headings between them, in document order.
struct PageOutline {
    /// The `<base href>` of the page, if any.
    var baseHref: String?
    /// Every line of text in document order (headings excluded).
    var lines: [Line] = []
    /// The headings in document order, each with the index of the first line below it.
    var headings: [Heading] = []
    /// The parent of each container (list item, row, cell, block) by id.
    ///
    /// -1 stands for the top; id 0 is unused.
    var parents: [Int] = [-1]
    /// Each container's element by id (id 0 unused), only when the outline was read for `--explain`.
    var elements: [ElementName] = [ElementName(tag: "")]

    /// True when container `inner` is `outer` or inside it.
    func container(_ inner: Int, isIn outer: Int) -> Bool {
        PageOutline.container(inner, isIn: outer, parents: parents)
    }

    /// True when container `inner` is `outer` or inside it, given each container's parent.
    static func container(_ inner: Int, isIn outer: Int, parents: [Int]) -> Bool {
        var current = inner
        while current > 0 {
            if current == outer { return true }
            current = parents[current]
        }
        return false
    }

    /// The innermost container that holds every one of `containers`, or nil when they share none.
    ///
    /// A parent always opens before its children, so its id is smaller: climbing from the larger
    /// id meets the common ancestor.
    static func commonContainer(of containers: some Sequence<Int>, parents: [Int]) -> Int? {
        var root: Int?
        for container in containers {
            guard var left = root else {
                root = container
                continue
            }
            var right = container
            while left > 0, right > 0, left != right {
                if left > right { left = parents[left] } else { right = parents[right] }
            }
            guard left > 0, left == right else { return nil }
            root = left
        }
        return root.flatMap { $0 > 0 ? $0 : nil }
    }
}

/// A heading (`<h1>`…`<h6>`) and where it stands among the lines.
struct Heading {
    /// 1 for `<h1>` … 6 for `<h6>`.
    var level: Int
    /// The heading's text.
    var text: String
    /// The index in ``PageOutline/lines`` of the first line after the heading.
    var lineIndex: Int
    /// The heading's text as a line (links and styling kept), for a heading that titles an entry.
    var line: Line
}

/// One visual line of text: the text between two line breaks or block boundaries.
///
/// `text` is whitespace-collapsed UTF-8 with no leading or trailing space; the spans index into it.
struct Line {
    /// The collapsed text.
    var text: [UInt8] = []
    /// Links, by the byte range of their text and their raw `href`.
    var links: [LinkSpan] = []
    /// Byte ranges shown in bold (`b`, `strong`).
    var bold: [Range<Int>] = []
    /// Byte ranges shown in italics (`i`, `em`, `cite`).
    var italic: [Range<Int>] = []
    /// The nearest enclosing list item or table row, or -1: lines of one item belong to one entry.
    var itemID: Int = -1
    /// The nearest enclosing block element (`p`, `div`, …).
    var blockID: Int = -1
    /// The nearest enclosing table cell: a grid of people keeps one person per cell.
    var cellID: Int = -1
    /// The column of that cell in its row (0 for the first), or -1 outside a table.
    var cellIndex: Int = -1
    /// The nearest enclosing container of any kind (item, row, cell, block); see ``PageOutline/parents``.
    var containerID: Int = -1
    /// True when a blank line (two line breaks) separates this line from the one before.
    var followsBlankLine = false
    /// How many bytes at the start are a badge (class `badge` or `abbr`): al-folio's "NeurIPS" line,
    /// or "ICML" before a title.
    var labelPrefix = 0
    /// True for a line that is only a badge: not the entry's title.
    var isLabel: Bool { labelPrefix > 0 && labelPrefix >= text.count }
    /// True for a line inside an element of class `award` (al-folio's award button).
    var isAward = false
    /// The year named by the sub-heading above this line ("2023"), if any.
    var headingYear: String?
    /// True for a heading that titles its entry (a card's name, an article's title), made a line.
    var isTitleHeading = false

    /// The text as a Swift string.
    var string: String { String(decoding: text, as: UTF8.self) }

    /// The text of a byte range as a Swift string, trimmed of spaces.
    func string(in range: Range<Int>) -> String {
        field(trimmed(range)) ?? ""
    }
}

/// A link inside a line.
struct LinkSpan {
    var range: Range<Int>
    var href: String
}

/// An element's tag name, id and class attribute, as written.
struct ElementName {
    var tag: String
    var id: String?
    var className: String?
}
