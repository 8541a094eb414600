import CLibXML2

/// A parsed HTML page that owns its libxml2 tree and frees it when released.
///
/// Extraction streams instead (``HTMLStream``); the tree is the baseline `monitor-bench` measures
/// against, and the place for XPath queries. Deliberately not `Sendable`: parse, query and drop it
/// within one call.
final class HTMLDocument {
    /// The tree; only code in `LibXML/` touches it, and never past the document's lifetime.
    let tree: htmlDocPtr

    /// Parses HTML.
    ///
    /// - Parameters:
    ///   - html: The page bytes.
    ///   - encoding: Their encoding as libxml2 names it ("UTF-8" after ``Charset``).
    ///   - url: The page's URL or path, used in errors only.
    /// - Throws: ``ExtractError`` with `.emptyPage` for an empty body, `.unparsable` when libxml2
    ///   builds no tree or the tree has no root element.
    init(parsing html: [UInt8], encoding: String = "UTF-8", url: String) throws {
        guard !html.isEmpty else { throw ExtractError(.emptyPage, url: url) }
        LibXML.initialize()
        let parsed = html.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), url, encoding, LibXML.parseOptions)
            }
        }
        guard let parsed else { throw ExtractError(.unparsable, url: url) }
        guard xmlDocGetRootElement(parsed) != nil else {
            xmlFreeDoc(parsed)
            throw ExtractError(.unparsable, url: url)
        }
        tree = parsed
    }

    deinit { xmlFreeDoc(tree) }
}
