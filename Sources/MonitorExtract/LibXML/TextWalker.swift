import CLibXML2

/// Turns libxml2's parse events into an outline of headings and lines.
///
/// Whitespace is collapsed as a browser would; `<br>`, table cells and block elements end a
/// line; two line breaks in a row mark a blank line; headings become headings. Scripts, styles,
/// SVG, `<nav>` and the like are skipped. The HTML parser balances every start with an end (it
/// closes implied and unclosed elements itself), so one frame per open element is enough.
struct TextWalker {
    private var outline = PageOutline()
    private var line = Line()
    private var lineSerial = 0
    private var pendingSpace = false
    private var blankLinePending = false
    private var lineEndedByBreak = false
    private var frames: [Frame] = []
    private var itemIDs: [Int] = []
    private var blockIDs: [Int] = []
    private var cellIDs: [Int] = []
    /// Cells opened so far in each open row (list items count as rows too).
    private var cellCounts: [Int] = []
    /// Every open list item, row, cell and block, innermost last.
    private var containerIDs: [Int] = []
    private var nextID = 0
    private var headingDepth = 0
    private var skipDepth = 0
    /// How many elements the parser reported; zero means there was no document at all.
    private(set) var elementCount = 0
    /// True to read headings as ordinary blocks of lines (an entry's title may be a heading).
    private let headingsAsLines: Bool

    /// Creates a walker.
    ///
    /// - Parameters:
    ///   - headingsAsLines: True to turn headings into lines instead of ``Heading``s.
    ///   - recordsElements: True to keep each container's tag, id and class, for `--explain`.
    init(headingsAsLines: Bool = false, recordsElements: Bool = false) {
        self.headingsAsLines = headingsAsLines
        self.recordsElements = recordsElements
    }

    /// True to keep each container's tag, id and class (``PageOutline/elements``), for `--explain`.
    private let recordsElements: Bool
    /// The element being opened, while `recordsElements`.
    private var opening = ElementName(tag: "")

    private struct Frame {
        var tag: Tag
        var start: Int
        var serial: Int
        var href: String?
        var isLabel = false
        var isAward = false
        /// For a link that wraps blocks (a card's link): the first line that ended inside it, and how many did.
        var firstWrappedLine = -1
        var wrappedLines = 0
    }
    private var awardDepth = 0
    /// How many link elements are open.
    private var linkDepth = 0

    /// Ends the walk and returns the outline.
    mutating func finish() -> PageOutline {
        endLine()
        return outline
    }

    /// Handles a start tag with its attributes (a NULL-terminated name/value array).
    mutating func startElement(
        _ name: UnsafePointer<xmlChar>?,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        elementCount += 1
        if skipDepth > 0 {
            skipDepth += 1
            return
        }
        var tag = Tag(name: name)
        if headingsAsLines, tag.headingLevel > 0 { tag = .block }
        if recordsElements {
            opening = ElementName(
                tag: name.map { String(cString: $0) } ?? "",
                id: attribute(attributes, "id"),
                className: attribute(attributes, "class")
            )
        }
        let hints = attributes.map(ClassHints.init) ?? ClassHints()
        if tag == .skipped || hints.isHidden {
            skipDepth = 1
            return
        }
        // An award badge inside a row of buttons is a line of its own (al-folio's award button).
        enter(hints.isAward ? .block : tag, attributes: attributes)
        if hints.isLabel { frames[frames.count - 1].isLabel = true }
        if hints.isAward {
            frames[frames.count - 1].isAward = true
            awardDepth += 1
        }
    }

    /// Handles an end tag (explicit or implied).
    mutating func endElement() {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        leave()
    }

    /// Handles text (not NUL-terminated).
    mutating func characters(_ text: UnsafePointer<xmlChar>?, count: Int32) {
        guard skipDepth == 0, let text, count > 0 else { return }
        appendText(text, count: Int(count))
    }

    // MARK: - Elements

    /// Opens an element.
    private mutating func enter(_ tag: Tag, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        // A "heading" that holds blocks, list items, cells or headings (a theme's `<h4><ul><p>…`) is a
        // styling wrapper, not a heading: what it holds is read as the page's lines.
        if headingDepth > 0, tag.opensBlock, let index = frames.lastIndex(where: { $0.tag.headingLevel > 0 }) {
            frames[index].tag = .inline
            headingDepth -= 1
        }
        switch tag {
        case .skipped:
            break
        case .lineBreak:
            if line.text.isEmpty && lineEndedByBreak { blankLinePending = true }
            endLine()
            lineEndedByBreak = true
        case .base:
            if outline.baseHref == nil { outline.baseHref = attribute(attributes, "href") }
        case .heading:
            endLine(blank: false)
            headingDepth += 1
        case .item:
            endLine(blank: false)
            itemIDs.append(openContainer())
            cellCounts.append(0)
        case .block:
            endLine(blank: false)
            blockIDs.append(openContainer())
        case .cell:
            endLine()
            cellIDs.append(openContainer())
            if !cellCounts.isEmpty { cellCounts[cellCounts.count - 1] += 1 }
        case .link, .bold, .italic, .inline:
            break
        }
        var frame = Frame(tag: tag, start: line.text.count, serial: lineSerial)
        if tag == .link {
            frame.href = attribute(attributes, "href")
            linkDepth += 1
        }
        frames.append(frame)
    }

    /// Closes the innermost open element.
    private mutating func leave() {
        guard let frame = frames.popLast() else { return }
        if frame.tag == .link {
            linkDepth -= 1
            let lines = frame.wrappedLines + (line.text.isEmpty ? 0 : 1)
            if frame.firstWrappedLine >= 0, lines >= 2, let href = frame.href {
                let first = frame.firstWrappedLine
                outline.lines[first].links.append(LinkSpan(range: 0..<outline.lines[first].text.count, href: href))
            }
        }
        if frame.isAward { awardDepth -= 1 }
        if frame.serial == lineSerial {
            var start = frame.start
            if start < line.text.count, line.text[start] == UInt8(ascii: " ") { start += 1 }
            let range = start..<line.text.count
            if !range.isEmpty {
                // A badge at the start of a line ("ICML" before a title, or the whole line).
                if frame.isLabel, range.lowerBound <= 1 { line.labelPrefix = max(line.labelPrefix, range.upperBound) }
                switch frame.tag {
                case .link:
                    if let href = frame.href { line.links.append(LinkSpan(range: range, href: href)) }
                case .bold: line.bold.append(range)
                case .italic: line.italic.append(range)
                default: break
                }
            }
        }
        switch frame.tag {
        case .heading:
            let level = frame.tag.headingLevel
            let text = line.string
            var headingLine = Line()
            swap(&headingLine, &line)
            // "<a href=…><h3>Name</h3></a>": a link around the heading is the heading's link.
            if headingLine.links.isEmpty, !headingLine.text.isEmpty,
                let around = frames.last(where: { $0.tag == .link && $0.href != nil }), let href = around.href
            {
                headingLine.links.append(LinkSpan(range: 0..<headingLine.text.count, href: href))
            }
            lineSerial += 1
            pendingSpace = false
            headingDepth -= 1
            if !text.isEmpty {
                outline.headings.append(
                    Heading(level: level, text: text, lineIndex: outline.lines.count, line: headingLine)
                )
            }
            lineEndedByBreak = false
            blankLinePending = false
        case .item:
            endLine(blank: false)
            itemIDs.removeLast()
            containerIDs.removeLast()
            cellCounts.removeLast()
        case .block:
            endLine(blank: false)
            blockIDs.removeLast()
            containerIDs.removeLast()
        case .cell:
            endLine()
            cellIDs.removeLast()
            containerIDs.removeLast()
        default:
            break
        }
    }

    /// Opens a list item, row, cell or block: a new id, recorded with its parent's.
    private mutating func openContainer() -> Int {
        nextID += 1
        outline.parents.append(containerIDs.last ?? -1)
        if recordsElements { outline.elements.append(opening) }
        containerIDs.append(nextID)
        return nextID
    }

    // MARK: - Text

    /// Appends text, collapsing runs of whitespace (no-break spaces included) to one space.
    private mutating func appendText(_ content: UnsafePointer<xmlChar>, count: Int) {
        var index = 0
        while index < count {
            let byte = content[index]
            if byte <= 0x20 {
                // ASCII space and control characters (tab, CR, LF, …) all collapse to one space.
                pendingSpace = true
                index += 1
                continue
            }
            if byte == 0xC2, index + 1 < count, content[index + 1] == 0xA0 {
                pendingSpace = true
                index += 2
                continue
            }
            // A run of words joined by single ASCII spaces, appended at once: most text is exactly
            // that, and one append per run instead of per word halved the cost of this function.
            func isVisible(_ at: Int) -> Bool {
                let byte = content[at]
                return byte > 0x20 && !(byte == 0xC2 && at + 1 < count && content[at + 1] == 0xA0)
            }
            var end = index + 1
            while end < count {
                if isVisible(end) {
                    end += 1
                } else if content[end] == 0x20, end + 1 < count, isVisible(end + 1) {
                    end += 2
                } else {
                    break
                }
            }
            if line.text.isEmpty {
                startLine()
            } else if pendingSpace {
                line.text.append(0x20)
            }
            pendingSpace = false
            line.text.append(contentsOf: UnsafeBufferPointer(start: content + index, count: end - index))
            index = end
        }
    }

    private mutating func startLine() {
        // Most lines are short; one allocation up front beats several regrowths (measured).
        line.text.reserveCapacity(192)
        line.itemID = itemIDs.last ?? -1
        line.blockID = blockIDs.last ?? -1
        line.cellID = cellIDs.last ?? -1
        line.cellIndex = cellIDs.isEmpty ? -1 : (cellCounts.last ?? 0) - 1
        line.containerID = containerIDs.last ?? -1
        line.isAward = awardDepth > 0
        line.followsBlankLine = blankLinePending
        blankLinePending = false
        lineEndedByBreak = false
    }

    /// Emits the current line, if it has text, and starts a new one.
    private mutating func endLine(blank: Bool = true) {
        if !blank {
            blankLinePending = false
            lineEndedByBreak = false
        }
        // Inside a heading a break or block ends no line, but it still separates words ("Jiajing
        // Zhong<br>钟嘉敬").
        pendingSpace = headingDepth > 0 && !line.text.isEmpty
        guard !line.text.isEmpty else { return }
        if headingDepth > 0 { return }
        // "<a href=…><div class="card">Name<br>Role</div></a>": lines ending inside a link that wraps
        // blocks; when it closes, the first of two or more is linked whole (the card's title or name).
        if linkDepth > 0, let wrapping = frames.lastIndex(where: { $0.tag == .link && $0.href != nil }) {
            if frames[wrapping].wrappedLines == 0, frames[wrapping].start == 0, line.links.isEmpty {
                frames[wrapping].firstWrappedLine = outline.lines.count
            }
            frames[wrapping].wrappedLines += 1
        }
        // Swapped out, not copied: a copy would retain and release each of the line's arrays.
        var finished = Line()
        swap(&finished, &line)
        outline.lines.append(finished)
        lineSerial += 1
    }

    // MARK: - Attributes

    /// The value of one attribute from libxml2's NULL-terminated name/value array.
    private func attribute(
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        _ name: StaticString
    ) -> String? {
        guard let attributes else { return nil }
        var index = 0
        while let attributeName = attributes[index] {
            if equal(attributeName, name) {
                return attributes[index + 1].map { String(cString: $0) } ?? ""
            }
            index += 2
        }
        return nil
    }
}

/// What an element's `class`, `style` and `hidden` attributes say about its text.
private struct ClassHints {
    /// Not displayed: `hidden`, `display:none`, or a class such as `hidden`, `d-none`, `sr-only`.
    var isHidden = false
    /// A badge beside an entry (al-folio's venue abbreviation): `badge` or `abbr` classes.
    var isLabel = false
    /// An award badge or button: class `award`.
    var isAward = false

    init() {}

    init(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>) {
        var index = 0
        while let name = attributes[index] {
            let value = attributes[index + 1]
            if equal(name, "class"), let value {
                scanClasses(value)
            } else if equal(name, "hidden") {
                isHidden = true
            } else if equal(name, "role"), let value, equal(value, "dialog") || equal(value, "alertdialog") {
                // A pop-up (Wowchemy's "Cite" dialog) is not part of the page's text.
                isHidden = true
            } else if equal(name, "id"), let value, equal(value, "footer") {
                isHidden = true
            } else if equal(name, "style"), let value {
                isHidden = isHidden || displaysNone(value)
            }
            index += 2
        }
    }

    private mutating func scanClasses(_ value: UnsafePointer<xmlChar>) {
        var start = 0
        var index = 0
        while true {
            let byte = value[index]
            if byte == 0 || byte == 0x20 || (0x09...0x0D).contains(byte) {
                let token = UnsafeBufferPointer(start: value + start, count: index - start)
                if matches(token, "hidden") || matches(token, "d-none") || matches(token, "sr-only")
                    || matches(token, "visually-hidden") || matches(token, "screen-reader-text")
                    || matches(token, "modal") || matches(token, "footer") || matches(token, "site-footer")
                {
                    isHidden = true
                } else if matches(token, "badge") || matches(token, "abbr") {
                    isLabel = true
                } else if matches(token, "award") {
                    isAward = true
                }
                if byte == 0 { return }
                start = index + 1
            }
            index += 1
        }
    }

    private func matches(_ token: UnsafeBufferPointer<xmlChar>, _ literal: StaticString) -> Bool {
        guard token.count == literal.utf8CodeUnitCount else { return false }
        for offset in 0..<token.count where token[offset] != literal.utf8Start[offset] { return false }
        return true
    }

    /// `display:none` in a style attribute (any case, spaces allowed around the colon).
    private func displaysNone(_ value: UnsafePointer<xmlChar>) -> Bool {
        let pattern: [UInt8] = Array("display:none".utf8)
        var start = 0
        while value[start] != 0 {
            var matched = 0
            var index = start
            while matched < pattern.count, value[index] != 0 {
                let byte = value[index] | 0x20  // ASCII lower case; ':' (0x3A) is unchanged
                if value[index] == 0x20 {
                    index += 1
                    continue
                }
                guard byte == pattern[matched] else { break }
                matched += 1
                index += 1
            }
            if matched == pattern.count { return true }
            start += 1
        }
        return false
    }
}

/// Compares a NUL-terminated libxml2 name with an ASCII literal.
private func equal(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
    let expected = literal.utf8Start
    for index in 0..<literal.utf8CodeUnitCount where name[index] != expected[index] {
        return false
    }
    return name[literal.utf8CodeUnitCount] == 0
}
