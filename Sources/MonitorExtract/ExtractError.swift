/// Why a page yielded no entries.
public struct ExtractError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// The body has no bytes.
        case emptyPage
        /// The body is not HTML (binary, JSON, plain text).
        case notHTML
        /// libxml2 could not build a document with a root element.
        case unparsable
        /// The page parsed but shows no publications, talks or members.
        case noEntries
        /// libxml2 has no converter for the page's declared charset.
        case unsupportedEncoding(String)
        /// A configured XPath override does not compile or fails: the expression and libxml2's message.
        case badSelector(String, String)
    }

    /// What went wrong.
    public var code: Code
    /// The page's URL or file path.
    public var url: String

    /// Creates an error for one page.
    public init(_ code: Code, url: String) {
        self.code = code
        self.url = url
    }

    /// One line a person can act on.
    public var description: String {
        switch code {
        case .emptyPage:
            "\(url): the page is empty (0 bytes); check the URL or file"
        case .notHTML:
            "\(url): this is not an HTML page; give the homepage's HTML file or URL"
        case .unparsable:
            "\(url): libxml2 found no HTML document in it; check that this is the homepage's HTML"
        case .unsupportedEncoding(let name):
            "\(url): the page declares the charset '\(name)', which libxml2 cannot convert; it was read as UTF-8"
        case .badSelector(let expression, let message):
            "\(url): the selector '\(expression)' does not work (\(message)); fix it in the site's [sites.selectors]"
        case .noEntries:
            "\(url): found no publications, talks or members; check that this is the homepage, "
                + "with headings such as 'Publications', 'Talks' or 'Group members'"
        }
    }
}
