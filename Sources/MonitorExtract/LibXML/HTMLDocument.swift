import CLibXML2

/// A parsed HTML page that owns its libxml2 tree and frees it when released.
///
/// Extraction streams instead (``HTMLStream``); the tree is the baseline `monitor-bench` measures
/// against, and the place for XPath queries. Deliberately not `Sendable`: parse, query and drop it
/// within one call.
final class HTMLDocument {
    private let tree: htmlDocPtr

    /// Parses UTF-8 HTML.
    ///
    /// - Parameters:
    ///   - html: The page as UTF-8.
    ///   - url: The page's URL or path, used in errors only.
    /// - Throws: ``ExtractError`` with `.emptyPage` for an empty body, `.unparsable` when libxml2
    ///   builds no tree or the tree has no root element.
    init(parsing html: [UInt8], url: String) throws {
        guard !html.isEmpty else { throw ExtractError(.emptyPage, url: url) }
        LibXML.initialize()
        let parsed = html.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), url, "UTF-8", LibXML.parseOptions)
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
