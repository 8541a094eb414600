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

    /// Reads a file, or fetches an http(s) URL, refusing a page larger than `maxBodyBytes`.
    ///
    /// - Parameters:
    ///   - source: A file path, a `file://` URL or an http(s) URL.
    ///   - maxBodyBytes: The largest page accepted, for a file as for a fetch.
    ///   - logger: Where fetch details go.
    /// - Returns: The page's bytes and where they came from.
    /// - Throws: ``CommandError`` for a missing, unreadable or oversized file; ``FetchError`` for a failed fetch.
    static func load(_ source: String, maxBodyBytes: Int, logger: Logger) async throws -> PageSource {
        let lower = source.lowercased()
        if isURL(source) {
            var settings = PageFetcher.Settings()
            settings.maxBodyBytes = maxBodyBytes
            let result = try await PageFetcher.fetchOnce(source, settings: settings, logger: logger)
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
        let body = try readFile(source, limit: maxBodyBytes, advice: "; if the page is genuine, raise --max-body")
        return PageSource(body: body, url: source, contentType: nil)
    }

    /// Reads a saved page, refusing one larger than `limit` before reading it (its size as `stat`
    /// gives it) and reading no more than `limit + 1` bytes of a file that grows or has no size (a
    /// pipe, a device): the same limit a fetched page has.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - limit: The largest page accepted, in bytes.
    ///   - advice: Appended to the message for an oversized file: what to do about it.
    /// - Returns: The file's bytes.
    /// - Throws: ``CommandError`` naming the file, its size and the limit; or saying it cannot be read.
    static func readFile(_ path: String, limit: Int, advice: String) throws -> [UInt8] {
        func tooLarge(_ size: String) -> CommandError {
            CommandError("\(path): \(size), over the \(limit)-byte limit for a page\(advice)")
        }
        var status = stat()
        guard stat(path, &status) == 0, let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandError("\(path): cannot be read; check its permissions")
        }
        // Closing a file opened only for reading loses nothing if it fails.
        defer { try? handle.close() }
        if status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) > limit { throw tooLarge("\(status.st_size) bytes") }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            throw CommandError("\(path): cannot be read (\(error.localizedDescription)); check the file")
        }
        guard data.count <= limit else { throw tooLarge("more than \(limit) bytes") }
        return Array(data)
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
