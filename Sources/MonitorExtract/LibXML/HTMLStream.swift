import CLibXML2

/// Parses HTML with libxml2's event (SAX) interface and hands every event to a ``TextWalker``.
///
/// Extraction needs one pass over the page in document order, not a tree: streaming skips building
/// and freeing thousands of nodes, which is most of what a tree parse costs. libxml2's HTML parser
/// still does all of its recovery (implied and auto-closed elements) before the events reach us.
enum HTMLStream {
    /// Parses a page and returns its outline.
    ///
    /// - Parameters:
    ///   - html: The page bytes.
    ///   - encoding: The encoding of `html` as libxml2 names it ("UTF-8" after ``Charset``).
    ///   - url: The page's URL or path, used in errors only.
    ///   - recordsElements: True to keep each container's tag, id and class (for `--explain`).
    /// - Returns: The headings and lines of the page.
    /// - Throws: ``ExtractError`` `.unparsable` when libxml2 cannot start or the page has no elements,
    ///   `.unsupportedEncoding` when libxml2 has no converter for `encoding`.
    static func outline(
        of html: [UInt8],
        encoding: String,
        url: String,
        recordsElements: Bool = false
    ) throws -> PageOutline {
        LibXML.initialize()
        var walker = TextWalker(recordsElements: recordsElements)
        try html.withUnsafeBufferPointer { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let context = htmlCreateMemoryParserCtxt(chars.baseAddress, Int32(chars.count)) else {
                    throw ExtractError(.unparsable, url: url)
                }
                defer { htmlFreeParserCtxt(context) }
                guard let handler = xmlFindCharEncodingHandler(encoding) else {
                    throw ExtractError(.unsupportedEncoding(encoding), url: url)
                }
                xmlSwitchToEncoding(context, handler)
                context.pointee.sax.pointee = eventHandler()
                _ = htmlCtxtUseOptions(context, LibXML.parseOptions)
                try withUnsafeMutablePointer(to: &walker) { walkerPointer in
                    context.pointee.userData = UnsafeMutableRawPointer(walkerPointer)
                    _ = htmlParseDocument(context)
                    context.pointee.userData = nil
                    // No start-document handler is set, so libxml2 builds no tree; free one if it ever did.
                    if let document = context.pointee.myDoc {
                        xmlFreeDoc(document)
                        context.pointee.myDoc = nil
                    }
                    guard walkerPointer.pointee.elementCount > 0 else { throw ExtractError(.unparsable, url: url) }
                }
            }
        }
        return walker.finish()
    }

    /// The handler table: elements and text go to the walker; everything else (comments, DTDs,
    /// processing instructions, errors) is dropped.
    private static func eventHandler() -> htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            context?.assumingMemoryBound(to: TextWalker.self).pointee.startElement(name, attributes)
        }
        handler.endElement = { context, _ in
            context?.assumingMemoryBound(to: TextWalker.self).pointee.endElement()
        }
        handler.characters = { context, text, count in
            context?.assumingMemoryBound(to: TextWalker.self).pointee.characters(text, count: count)
        }
        handler.ignorableWhitespace = handler.characters
        handler.cdataBlock = handler.characters
        return handler
    }
}
