import CLibXML2

/// Walks a libxml2 tree once, without recursion, and records its visible text as an outline.
///
/// Whitespace is collapsed as a browser would; `<br>`, table cells and block elements end a
/// line; two line breaks in a row mark a blank line; headings become headings. Scripts, styles,
/// SVG, `<nav>` and the like are skipped.
struct TextWalker {
    private var blocks: [OutlineBlock] = []
    private var line = Line()
    private var lineSerial = 0
    private var pendingSpace = false
    private var blankLinePending = false
    private var lineEndedByBreak = false
    private var frames: [Frame] = []
    private var itemIDs: [Int] = []
    private var blockIDs: [Int] = []
    private var nextID = 0
    private var headingDepth = 0
    private var baseHref: String?

    private struct Frame {
        var tag: Tag
        var start: Int
        var serial: Int
        var href: String?
        var className: String?
    }

    /// Walks `root` and everything below it.
    mutating func walk(_ root: xmlNodePtr) {
        var node: xmlNodePtr? = root
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                descend = enter(current)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { appendText(content) }
            default:
                break
            }
            if descend, let child = current.pointee.children {
                node = child
                continue
            }
            if descend { leave() }
            // Climb until a node has a next sibling, closing each element on the way up.
            var climbing: xmlNodePtr? = current
            node = nil
            while let up = climbing {
                if up == root { break }
                if let next = up.pointee.next {
                    node = next
                    break
                }
                climbing = up.pointee.parent
                if let parent = climbing, parent.pointee.type == XML_ELEMENT_NODE {
                    leave()
                    if parent == root { break }
                }
            }
        }
    }

    /// Ends the walk and returns the outline.
    mutating func finish() -> PageOutline {
        endLine()
        return PageOutline(baseHref: baseHref, blocks: blocks)
    }

    // MARK: - Elements

    /// Opens an element; returns whether its children should be walked (and `leave` called).
    private mutating func enter(_ node: xmlNodePtr) -> Bool {
        let tag = Tag(name: node.pointee.name)
        switch tag {
        case .skipped:
            return false
        case .lineBreak:
            if line.text.isEmpty && lineEndedByBreak { blankLinePending = true }
            endLine()
            lineEndedByBreak = true
            return false
        case .base:
            if baseHref == nil { baseHref = attribute(node, "href") }
            return false
        case .heading:
            endLine(blank: false)
            headingDepth += 1
        case .item:
            endLine(blank: false)
            nextID += 1
            itemIDs.append(nextID)
        case .block:
            endLine(blank: false)
            nextID += 1
            blockIDs.append(nextID)
        case .cell:
            endLine()
        case .link, .bold, .italic, .inline:
            break
        }
        var frame = Frame(tag: tag, start: line.text.count, serial: lineSerial)
        if tag == .link { frame.href = attribute(node, "href") }
        frame.className = attribute(node, "class")
        frames.append(frame)
        return true
    }

    /// Closes the innermost open element.
    private mutating func leave() {
        guard let frame = frames.popLast() else { return }
        if frame.serial == lineSerial {
            var start = frame.start
            if start < line.text.count, line.text[start] == UInt8(ascii: " ") { start += 1 }
            let range = start..<line.text.count
            if !range.isEmpty {
                switch frame.tag {
                case .link:
                    if let href = frame.href { line.links.append(LinkSpan(range: range, href: href)) }
                case .bold: line.bold.append(range)
                case .italic: line.italic.append(range)
                default: break
                }
                if let className = frame.className, !className.isEmpty {
                    line.classed.append(ClassSpan(range: range, className: className))
                }
            }
        }
        switch frame.tag {
        case .heading:
            let level = frame.tag.headingLevel
            let text = line.string
            line = Line()
            lineSerial += 1
            pendingSpace = false
            headingDepth -= 1
            if !text.isEmpty { blocks.append(.heading(level: level, text: text)) }
            lineEndedByBreak = false
            blankLinePending = false
        case .item:
            endLine(blank: false)
            itemIDs.removeLast()
        case .block:
            endLine(blank: false)
            blockIDs.removeLast()
        case .cell:
            endLine()
        default:
            break
        }
    }

    // MARK: - Text

    private mutating func appendText(_ content: UnsafePointer<xmlChar>) {
        var index = 0
        while true {
            let byte = content[index]
            if byte == 0 { break }
            index += 1
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pendingSpace = true
                continue
            case 0xC2 where content[index] == 0xA0:
                // A no-break space collapses like any other space.
                index += 1
                pendingSpace = true
                continue
            default:
                break
            }
            if line.text.isEmpty {
                startLine()
            } else if pendingSpace {
                line.text.append(0x20)
            }
            pendingSpace = false
            line.text.append(byte)
        }
    }

    private mutating func startLine() {
        line.itemID = itemIDs.last ?? -1
        line.blockID = blockIDs.last ?? -1
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
        pendingSpace = false
        guard !line.text.isEmpty else { return }
        if headingDepth > 0 { return }
        blocks.append(.line(line))
        line = Line()
        lineSerial += 1
    }

    // MARK: - Attributes

    private func attribute(_ node: xmlNodePtr, _ name: StaticString) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, equal(attributeName, name) {
                guard let text = current.pointee.children, let content = text.pointee.content else { return "" }
                return String(cString: content)
            }
            attribute = current.pointee.next
        }
        return nil
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
