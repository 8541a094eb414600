import CLibXML2

/// What an HTML element means for the text walk.
enum Tag: Equatable {
    /// Not walked: scripts, styles, SVG, navigation, form controls. (`<head>` is walked for `<base>`;
    /// its `<title>` is skipped.)
    case skipped
    /// `<br>`: ends a line.
    case lineBreak
    /// `<base>`: carries the base URL.
    case base
    /// `<h1>`…`<h6>`, with its level.
    case heading(Int)
    /// `<li>`, `<tr>`: one entry's worth of lines.
    case item
    /// Block elements: end a line on entry and exit.
    case block
    /// `<td>`, `<th>`: end a line, but stay within the row.
    case cell
    /// `<a>`.
    case link
    /// `<b>`, `<strong>`.
    case bold
    /// `<i>`, `<em>`, `<cite>`.
    case italic
    /// Any other element: its text flows inline.
    case inline

    /// Classifies an element by its (lower-case) libxml2 name.
    ///
    /// This runs for every element of every page, so it reads the name's bytes directly: no
    /// `String`, no hashing.
    init(name: UnsafePointer<xmlChar>?) {
        guard let name else {
            self = .inline
            return
        }
        var length = 0
        while length < 11, name[length] != 0 { length += 1 }
        guard length <= 10 else {
            self = .inline
            return
        }
        let bytes = UnsafeBufferPointer(start: name, count: length)
        self = Tag.lookup(bytes)
    }

    /// True for an element that starts lines of its own: a heading, list item, block or table cell.
    var opensBlock: Bool {
        switch self {
        case .heading, .item, .block, .cell: true
        default: false
        }
    }

    /// The heading level, or 0 for anything that is not a heading.
    var headingLevel: Int {
        if case .heading(let level) = self { return level }
        return 0
    }

    private static func lookup(_ name: UnsafeBufferPointer<xmlChar>) -> Tag {
        func matches(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == name.count else { return false }
            let pointer = literal.utf8Start
            for index in 0..<name.count where name[index] != pointer[index] { return false }
            return true
        }
        switch name.count {
        case 1:
            switch name[0] {
            case UInt8(ascii: "a"): return .link
            case UInt8(ascii: "p"): return .block
            case UInt8(ascii: "b"): return .bold
            case UInt8(ascii: "i"): return .italic
            default: return .inline
            }
        case 2:
            if name[0] == UInt8(ascii: "h"), name[1] >= UInt8(ascii: "1"), name[1] <= UInt8(ascii: "6") {
                return .heading(Int(name[1] - UInt8(ascii: "0")))
            }
            if matches("br") { return .lineBreak }
            if matches("li") || matches("tr") { return .item }
            if matches("td") || matches("th") { return .cell }
            if matches("em") { return .italic }
            if matches("ul") || matches("ol") || matches("dl") || matches("dt") || matches("dd") || matches("hr") {
                return .block
            }
            return .inline
        default:
            for (literal, tag) in longNames where matches(literal) { return tag }
            return .inline
        }
    }

    private static let longNames: [(StaticString, Tag)] = [
        ("span", .inline), ("div", .block), ("strong", .bold), ("cite", .italic), ("section", .block),
        ("table", .block), ("tbody", .block), ("thead", .block), ("tfoot", .block), ("article", .block),
        ("header", .block), ("footer", .skipped), ("main", .block), ("body", .block), ("html", .block),
        ("blockquote", .block), ("pre", .block), ("figure", .block), ("figcaption", .block), ("form", .block),
        ("aside", .block), ("address", .block), ("center", .block), ("details", .block), ("summary", .block),
        ("fieldset", .block), ("caption", .block), ("base", .base),
        ("script", .skipped), ("style", .skipped), ("noscript", .skipped), ("svg", .skipped),
        ("template", .skipped), ("iframe", .skipped), ("select", .skipped), ("textarea", .skipped),
        ("nav", .skipped), ("button", .skipped), ("object", .skipped), ("canvas", .skipped), ("math", .skipped),
        ("title", .skipped), ("option", .skipped), ("video", .skipped), ("audio", .skipped),
        // Not HTML, but Jon Barron's widely copied template titles its sections with `<heading>`.
        ("heading", .heading(2)),
    ]
}
