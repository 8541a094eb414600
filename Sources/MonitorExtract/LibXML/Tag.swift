import CLibXML2

/// What an HTML element means for the text walk.
enum Tag: Equatable {
    /// Not walked: scripts, styles, SVG, navigation, form controls.
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
    init(name: UnsafePointer<xmlChar>?) {
        guard let name else {
            self = .inline
            return
        }
        // Element names are short ASCII; read up to 10 bytes into a small string without
        // allocating and switch on it.
        var length = 0
        while length < 11, name[length] != 0 { length += 1 }
        guard length <= 10 else {
            self = .inline
            return
        }
        let key = String(decoding: UnsafeBufferPointer(start: name, count: length), as: UTF8.self)
        self = Tag.table[key] ?? .inline
    }

    /// The heading level, or 0 for anything that is not a heading.
    var headingLevel: Int {
        if case .heading(let level) = self { return level }
        return 0
    }

    private static let table: [String: Tag] = {
        var table: [String: Tag] = [:]
        for name in [
            "script", "style", "noscript", "svg", "head", "template", "iframe", "select", "textarea",
            "nav", "button", "object", "canvas", "math", "title", "option",
        ] {
            table[name] = .skipped
        }
        for name in [
            "p", "div", "section", "article", "header", "footer", "main", "ul", "ol", "table", "tbody",
            "thead", "tfoot", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "form", "aside",
            "address", "center", "hr", "body", "html", "details", "summary", "fieldset", "caption",
        ] {
            table[name] = .block
        }
        for level in 1...6 { table["h\(level)"] = .heading(level) }
        table["li"] = .item
        table["tr"] = .item
        table["td"] = .cell
        table["th"] = .cell
        table["br"] = .lineBreak
        table["base"] = .base
        table["a"] = .link
        table["b"] = .bold
        table["strong"] = .bold
        table["i"] = .italic
        table["em"] = .italic
        table["cite"] = .italic
        return table
    }()
}
