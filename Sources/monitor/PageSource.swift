import Foundation
import Logging
import MonitorFetch

/// A page read from a file or fetched from a URL, for the one-shot commands.
struct PageSource {
    /// The bytes as read or fetched.
    var body: [UInt8]
    /// The page's URL (after redirects), or the file path.
    var url: String
    /// The HTTP `Content-Type`, when fetched.
    var contentType: String?

    /// True for an http(s) URL, false for a file.
    static func isURL(_ source: String) -> Bool {
        let lower = source.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Reads a file, or fetches an http(s) URL.
    ///
    /// - Throws: ``CommandError`` for a missing or unreadable file; ``FetchError`` for a failed fetch.
    static func load(_ source: String, logger: Logger) async throws -> PageSource {
        let lower = source.lowercased()
        if isURL(source) {
            let result = try await PageFetcher.fetchOnce(source, logger: logger)
            return PageSource(body: result.body, url: result.finalURL, contentType: result.contentType)
        }
        // A file:// URL names a local file.
        let source = lower.hasPrefix("file://") ? String(source.dropFirst(7)) : source
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            throw CommandError("\(source): no such file; give an HTML file or an http(s) URL")
        }
        guard !isDirectory.boolValue else {
            throw CommandError("\(source): is a directory; give an HTML file or an http(s) URL")
        }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw CommandError("\(source): cannot be read; check its permissions")
        }
        return PageSource(body: Array(data), url: source, contentType: nil)
    }
}

/// A command failure with a one-line message for the user.
struct CommandError: Error, CustomStringConvertible {
    /// The message.
    var description: String

    /// Creates an error with its message.
    init(_ description: String) {
        self.description = description
    }
}
