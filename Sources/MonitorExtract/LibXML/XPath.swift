import CLibXML2

/// A node of an ``HTMLDocument``; it keeps its document alive, so it cannot outlive the tree.
struct Node {
    let document: HTMLDocument
    let pointer: xmlNodePtr

    /// The element's lower-case name ("li"), or "" for other nodes.
    var name: String {
        guard pointer.pointee.type == XML_ELEMENT_NODE, let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    /// True for an attribute node (`@href`).
    var isAttribute: Bool { pointer.pointee.type == XML_ATTRIBUTE_NODE }

    /// The value of an attribute of this element, if it has it.
    func attribute(_ name: String) -> String? {
        guard let value = xmlGetProp(pointer, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// The node's text content as libxml2 joins it (for attributes and text nodes).
    var content: String {
        guard let value = xmlNodeGetContent(pointer) else { return "" }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// The displayed lines of this subtree, walked as a page is: `<br>` and blocks end lines;
    /// headings are lines too, since an entry's title may be one.
    func outline() -> PageOutline {
        var walker = TextWalker(headingsAsLines: true)
        Node.walk(pointer, into: &walker)
        return walker.finish()
    }

    private static func walk(_ node: xmlNodePtr, into walker: inout TextWalker) {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            // The walker takes SAX-style attributes: a NULL-terminated name/value array.
            var values: [UnsafeMutablePointer<xmlChar>?] = []
            var array: [UnsafePointer<xmlChar>?] = []
            var attribute = node.pointee.properties
            while let current = attribute {
                let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1)
                values.append(value)
                array.append(current.pointee.name)
                array.append(UnsafePointer(value))
                attribute = current.pointee.next
            }
            defer { for value in values { cxml_free(value) } }
            array.append(nil)
            array.append(nil)
            array.withUnsafeMutableBufferPointer { walker.startElement(node.pointee.name, $0.baseAddress) }
            var child = node.pointee.children
            while let current = child {
                walk(current, into: &walker)
                child = current.pointee.next
            }
            walker.endElement()
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content {
                walker.characters(content, count: xmlStrlen(content))
            }
        default:
            break
        }
    }
}

/// What an XPath expression gave.
enum XPathValue {
    case nodes([Node])
    case text(String)
    /// A number or boolean, as text ("4", "true"): never a field's value.
    case scalar(String)
}

/// XPath 1.0 over an ``HTMLDocument`` with libxml2; errors come back as messages, never on stderr.
enum XPath {
    /// Why an expression does not compile, or nil when it does.
    ///
    /// - Parameter expression: An XPath 1.0 expression.
    /// - Returns: libxml2's message, such as "Invalid expression", or nil.
    static func problem(in expression: String) -> String? {
        LibXML.initialize()
        guard let context = xmlXPathNewContext(nil) else { return "libxml2 could not allocate an XPath context" }
        defer { xmlXPathFreeContext(context) }
        silence(context)
        guard let compiled = xmlXPathCtxtCompile(context, expression) else { return message(of: context) }
        xmlXPathFreeCompExpr(compiled)
        // Unknown functions, variables and prefixes, and wrong argument counts, only fail when
        // evaluated: try it once on a small page.
        guard let sample = try? HTMLDocument(parsing: Array("<p><a href='x'>x</a></p>".utf8), url: "sample"),
            let root = xmlDocGetRootElement(sample.tree)
        else { return nil }
        do {
            _ = try evaluate(expression, at: Node(document: sample, pointer: root), in: sample)
        } catch let error as ExtractError {
            if case .badSelector(_, let message) = error.code { return message }
        } catch {}
        return nil
    }

    /// Evaluates an expression with `node` (or the document) as the context node.
    ///
    /// - Parameters:
    ///   - expression: An XPath 1.0 expression.
    ///   - node: The context node; nil for the document.
    ///   - document: The document.
    /// - Returns: The nodes selected, or the string value of a string, number or boolean result.
    /// - Throws: ``ExtractError`` `.badSelector` when the expression does not compile or fails.
    static func evaluate(_ expression: String, at node: Node?, in document: HTMLDocument) throws -> XPathValue {
        LibXML.initialize()
        guard let context = xmlXPathNewContext(document.tree) else {
            throw ExtractError(.badSelector(expression, "libxml2 could not allocate an XPath context"), url: "")
        }
        defer { xmlXPathFreeContext(context) }
        silence(context)
        context.pointee.node =
            node?.pointer ?? UnsafeMutableRawPointer(document.tree).assumingMemoryBound(to: xmlNode.self)
        guard let result = xmlXPathEvalExpression(expression, context) else {
            throw ExtractError(.badSelector(expression, message(of: context)), url: "")
        }
        defer { xmlXPathFreeObject(result) }
        if result.pointee.type == XPATH_NODESET {
            var nodes: [Node] = []
            if let set = result.pointee.nodesetval, let table = set.pointee.nodeTab {
                for index in 0..<Int(set.pointee.nodeNr) {
                    // Namespace nodes are copies that die with `result`: never kept.
                    if let pointer = table[index], pointer.pointee.type != XML_NAMESPACE_DECL {
                        nodes.append(Node(document: document, pointer: pointer))
                    }
                }
            }
            return .nodes(nodes)
        }
        guard let string = xmlXPathCastToString(result) else { return .text("") }
        defer { cxml_free(string) }
        let text = String(cString: string)
        return result.pointee.type == XPATH_STRING ? .text(text) : .scalar(text)
    }

    /// Routes the context's errors to a no-op handler: libxml2 keeps the last one for ``message(of:)``.
    private static func silence(_ context: xmlXPathContextPtr) {
        context.pointee.error = { _, _ in }
        cxml_silence_generic_errors()
    }

    /// libxml2 2.9 keeps only the code of the last XPath error here, not its text: these are its
    /// messages (`xmlXPathErrorMessages` in xpath.c), by `code - XML_XPATH_EXPRESSION_OK`.
    private static let messages = [
        "ok", "number encoding", "unfinished literal", "start of literal", "expected $ for variable reference",
        "undefined variable", "invalid predicate", "invalid expression", "missing closing curly brace",
        "unregistered function", "invalid operand", "invalid type", "invalid number of arguments",
        "invalid context size", "invalid context position", "memory allocation error", "syntax error",
        "resource error", "sub resource error", "undefined namespace prefix", "encoding error",
        "char out of XML range", "invalid or incomplete context", "stack usage error", "forbidden variable",
    ]

    private static func message(of context: xmlXPathContextPtr) -> String {
        let error = context.pointee.lastError
        if let text = error.message {
            let message = String(cString: text).trimmingSpaces()
            if !message.isEmpty { return message }
        }
        let index = Int(error.code) - Int(XML_XPATH_EXPRESSION_OK.rawValue)
        return messages.indices.contains(index) && index > 0 ? messages[index] : "not a valid XPath expression"
    }
}
