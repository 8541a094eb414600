import Foundation

extension WebServer {
    /// The first line of a token file, without surrounding spaces.
    ///
    /// - Parameter path: The `[serve] token_file`.
    /// - Returns: The token.
    /// - Throws: ``ServeError`` when the file cannot be read or its first line is empty.
    public static func token(at path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path),
            let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first,
            !line.trimmingCharacters(in: .whitespaces).isEmpty
        else { throw ServeError(.unreadableToken(path: path)) }
        return line.trimmingCharacters(in: .whitespaces)
    }
}

/// Why `monitor serve` would not start.
public struct ServeError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// A non-loopback address with no `[serve] token_file`.
        case exposedWithoutToken(ListenAddress)
        /// The token file cannot be read or is empty.
        case unreadableToken(path: String)
        /// `--listen` or `[serve] listen` is not `HOST:PORT`.
        case badAddress(String)
    }

    /// What went wrong.
    public var code: Code

    /// Creates an error.
    public init(_ code: Code) { self.code = code }

    /// One line a person can act on.
    public var description: String {
        switch code {
        case .exposedWithoutToken(let address):
            "refusing to listen on \(address) without a token: other machines could read every page; set "
                + "[serve] token_file, or listen on 127.0.0.1"
        case .unreadableToken(let path):
            "\(path): the token file cannot be read or is empty; write one line of random text to it "
                + "(e.g. 'openssl rand -hex 32 > \(path)')"
        case .badAddress(let text):
            "'\(text)' is not an address to listen on; use HOST:PORT such as 127.0.0.1:8470 or [::1]:8470"
        }
    }
}
