import Foundation

/// The digest as an e-mail: a MIME `multipart/alternative` message with a plain-text and an HTML
/// part, ready for `sendmail -t`.
public struct DigestMessage: Sendable {
    /// The recipients.
    public var to: [String]
    /// The sender, or nil to let sendmail use the service user.
    public var from: String?
    /// The subject line.
    public var subject: String
    /// The plain-text part.
    public var text: String
    /// The HTML part.
    public var html: String
    /// The `Date` header.
    public var date: Date
    /// The part boundary: chosen by the caller so that a test can fix it.
    public var boundary: String

    /// Creates a message.
    public init(
        to: [String],
        from: String?,
        subject: String,
        text: String,
        html: String,
        date: Date,
        boundary: String = "=_monitor_\(UUID().uuidString)"
    ) {
        self.to = to
        self.from = from
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
        self.boundary = boundary
    }

    /// The message with CRLF line ends, both parts UTF-8 in base64 (safe for any line length and byte).
    ///
    /// - Returns: The message as sendmail reads it.
    public func rendered() -> String {
        var lines: [String] = []
        if let from { lines.append("From: \(Self.headerSafe(from))") }
        lines.append("To: \(to.map(Self.headerSafe).joined(separator: ", "))")
        lines.append("Subject: \(Self.encodedWord(subject))")
        lines.append("Date: \(HTTPDate.format(date).replacingOccurrences(of: " GMT", with: " +0000"))")
        lines.append("MIME-Version: 1.0")
        lines.append("Auto-Submitted: auto-generated")
        lines.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a MIME message: a plain-text part and an HTML part.")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            let encoded = Data(body.utf8).base64EncodedString()
            var index = encoded.startIndex
            while index < encoded.endIndex {
                let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
                lines.append(String(encoded[index..<end]))
                index = end
            }
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A header value without line breaks, so a configured address cannot add headers.
    private static func headerSafe(_ text: String) -> String {
        String(text.filter { $0 != "\r" && $0 != "\n" })
    }

    /// An RFC 2047 encoded word when the text is not plain ASCII.
    private static func encodedWord(_ text: String) -> String {
        let safe = headerSafe(text)
        guard !safe.allSatisfy({ $0.isASCII }) else { return safe }
        return "=?UTF-8?B?\(Data(safe.utf8).base64EncodedString())?="
    }
}

/// Hands a message to sendmail(8), the way cron mails its output.
public struct Sendmail: Sendable {
    /// The program (`/usr/sbin/sendmail`, or a stand-in).
    public var program: String

    /// Creates a sender.
    public init(program: String) { self.program = program }

    /// Why a message was not handed over.
    public struct Failure: Error, CustomStringConvertible {
        /// One line a person can act on.
        public var description: String
    }

    /// Runs `sendmail -t -i` with the message on standard input and waits for it.
    ///
    /// - Parameter message: The rendered message.
    /// - Throws: ``Failure`` when the program cannot start or exits with a status other than 0.
    public func send(_ message: String) throws {
        // The message goes in from a file, not a pipe: a sendmail that exits before reading all of
        // it (a full queue) would otherwise make the write fail with EPIPE, which Foundation traps on.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "monitor-digest-\(UUID().uuidString).eml"
        )
        do {
            try Data(message.utf8).write(to: file, options: .atomic)
        } catch {
            throw Failure(description: "cannot write the message to \(file.path) (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: file) }  // already gone is fine
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        // -t: the recipients are the message's To header; -i: a line with a lone "." is not the end.
        process.arguments = ["-t", "-i"]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            process.standardInput = try FileHandle(forReadingFrom: file)
            try process.run()
        } catch {
            throw Failure(
                description: "cannot run \(program) (\(error.localizedDescription)); install a mail "
                    + "transfer agent or set [digest] sendmail"
            )
        }
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = String(decoding: stderr, as: UTF8.self).split(whereSeparator: \.isNewline).first ?? ""
            throw Failure(
                description: "\(program) exited with status \(process.terminationStatus)"
                    + (said.isEmpty ? "" : ": \(said)")
            )
        }
    }
}
