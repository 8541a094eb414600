import Foundation
import TOMLKit

/// `[serve]`: where `monitor serve` listens and the token other machines must present.
public struct ServeSettings: Sendable, Equatable {
    /// `HOST:PORT` to listen on (default `127.0.0.1:8470`).
    public var listen: String?
    /// A file holding the bearer token; required for an address other than loopback.
    public var tokenFile: String?

    /// Creates settings.
    public init(listen: String? = nil, tokenFile: String? = nil) {
        self.listen = listen
        self.tokenFile = tokenFile
    }
}

/// `[digest]`: the e-mail `monitor run` sends with what changed, through sendmail(8).
public struct DigestSettings: Sendable, Equatable {
    /// The recipients.
    public var to: [String]
    /// How often a digest is sent (default a week).
    public var every: Duration
    /// The sender address (default: sendmail's own, the service user).
    public var from: String?
    /// The sendmail program (default `/usr/sbin/sendmail`).
    public var sendmail: String

    /// Creates settings.
    public init(to: [String], every: Duration = .seconds(7 * 86_400), from: String? = nil, sendmail: String? = nil) {
        self.to = to
        self.every = every
        self.from = from
        self.sendmail = sendmail ?? "/usr/sbin/sendmail"
    }
}

extension Configuration {
    /// Reads `[serve]` and `[digest]`.
    ///
    /// - Parameters:
    ///   - table: The file's top-level table.
    ///   - reader: The file's reader, for line numbers in errors.
    ///   - configuration: Where the settings go.
    /// - Throws: ``ConfigError`` naming the line and the fix.
    static func parseWebSections(_ table: TOMLTable, reader: Reader, into configuration: inout Configuration) throws {
        if let serve = try reader.table(table, "serve", section: nil) {
            let section = Reader.Section(name: "serve", index: nil)
            try reader.checkKeys(
                serve,
                allowed: ["listen", "token_file"],
                section: section,
                hint: "[serve] takes listen and token_file"
            )
            if let listen = try reader.string(serve, "listen", section: section) {
                let port = listen.split(separator: ":").last.flatMap { Int($0) }
                guard listen.contains(":"), let port, (0...65_535).contains(port) else {
                    throw reader.error(
                        section: section,
                        key: "listen",
                        "must be HOST:PORT, such as \"127.0.0.1:8470\" or \"[::1]:8470\""
                    )
                }
                configuration.serve.listen = listen
            }
            configuration.serve.tokenFile = try reader.string(serve, "token_file", section: section)
        }
        if let digest = try reader.table(table, "digest", section: nil) {
            let section = Reader.Section(name: "digest", index: nil)
            try reader.checkKeys(
                digest,
                allowed: ["to", "every", "from", "sendmail"],
                section: section,
                hint: "[digest] takes to, every, from and sendmail"
            )
            guard let to = try reader.strings(digest, "to", section: section) else {
                throw reader.error(
                    section: section,
                    key: nil,
                    "[digest] needs to = \"you@example.edu\" (or a list of addresses)"
                )
            }
            for address in to where !address.contains("@") || address.contains(where: \.isNewline) {
                throw reader.error(
                    section: section,
                    key: "to",
                    "'\(address)' is not an e-mail address; write to = \"you@example.edu\""
                )
            }
            configuration.digest = DigestSettings(
                to: to,
                every: try reader.duration(digest, "every", section: section) ?? .seconds(7 * 86_400),
                from: try reader.string(digest, "from", section: section),
                sendmail: try reader.string(digest, "sendmail", section: section)
            )
        }
    }

    /// `[serve]` and `[digest]` as `monitor config check` prints them (only the keys that are set).
    ///
    /// - Returns: TOML, or "" when neither section is configured.
    func renderedWebSections() -> String {
        var out = ""
        if serve != ServeSettings() {
            out += "\n[serve]\n"
            if let listen = serve.listen { out += "listen = \(Self.quoted(listen))\n" }
            if let tokenFile = serve.tokenFile { out += "token_file = \(Self.quoted(tokenFile))\n" }
        }
        if let digest {
            out += "\n[digest]\nto = [\(digest.to.map(Self.quoted).joined(separator: ", "))]\n"
            out += "every = \"\(DurationText.format(digest.every))\"\n"
            if let from = digest.from { out += "from = \(Self.quoted(from))\n" }
            out += "sendmail = \(Self.quoted(digest.sendmail))\n"
        }
        return out
    }
}
