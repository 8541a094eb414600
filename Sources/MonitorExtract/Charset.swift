#if canImport(Glibc)
import Glibc
#endif

/// Decides a page's character encoding and turns its bytes into UTF-8 for the parser.
///
/// Order of evidence: a byte-order mark, then the HTTP `Content-Type` charset, then a
/// `<meta charset>` or `http-equiv` declaration in the first 4 KiB, else UTF-8. Any bytes that are
/// still not valid UTF-8 are read as Windows-1252, one byte at a time, so a Latin-1 page with no
/// declaration still shows its accents. ISO-8859-1 and US-ASCII are read as Windows-1252, as
/// browsers do. Other declared charsets are converted here with iconv, each invalid sequence
/// becoming U+FFFD; a label no converter knows (`<meta charset=|utf-8">`) counts as no declaration,
/// as in browsers (a header's gives way to the page's `<meta>`). Either, left to libxml2, made the
/// parser stop at the first invalid byte and lose the rest of the page.
enum Charset {
    /// Bytes ready for the parser, and the encoding libxml2 must read them in.
    struct Decoded {
        var bytes: [UInt8]
        var encoding: String
    }

    /// Transcodes a page body for parsing.
    ///
    /// - Parameters:
    ///   - body: The raw bytes as fetched.
    ///   - contentType: The HTTP `Content-Type` header, if known.
    /// - Returns: UTF-8 bytes (or the original bytes with a libxml2 encoding name).
    static func decode(_ body: [UInt8], contentType: String?) -> Decoded {
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(bytes: repairedUTF8(Array(body[3...])), encoding: "UTF-8")
        }
        if body.starts(with: [0xFF, 0xFE]) {
            return Decoded(bytes: utf16(body.dropFirst(2), bigEndian: false), encoding: "UTF-8")
        }
        if body.starts(with: [0xFE, 0xFF]) {
            return Decoded(bytes: utf16(body.dropFirst(2), bigEndian: true), encoding: "UTF-8")
        }
        let header = contentType.flatMap(charsetParameter(in:)).map(canonical).flatMap { isKnown($0) ? $0 : nil }
        let label = header ?? metaCharset(in: body).map(canonical).flatMap { isKnown($0) ? $0 : nil }
        switch label {
        case nil, "utf-8", "utf-16":
            // A page cannot declare UTF-16 in its own ASCII-compatible bytes; browsers read UTF-8.
            return Decoded(bytes: repairedUTF8(body), encoding: "UTF-8")
        case "windows-1252":
            return Decoded(bytes: windows1252(body[...]), encoding: "UTF-8")
        case .some(let other):
            guard let utf8 = transcoded(body, from: other) else { return Decoded(bytes: body, encoding: other) }
            return Decoded(bytes: utf8, encoding: "UTF-8")
        }
    }

    /// The `charset` parameter of a `Content-Type` value, such as `text/html; charset=ISO-8859-1`.
    static func charsetParameter(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                pair[0].trimmingSpaces().lowercased() == "charset"
            else { continue }
            let value = pair[1].trimmingSpaces().trimmed(of: "\"'")
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The charset a `<meta>` tag declares in the first 4 KiB, if any.
    static func metaCharset(in body: [UInt8]) -> String? {
        let head = body.prefix(4096)
        let needle = Array("charset".utf8)
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        func matches(_ word: [UInt8], at index: Int) -> Bool {
            guard index + word.count <= head.count else { return false }
            for offset in 0..<word.count where lower(head[index + offset]) != word[offset] { return false }
            return true
        }
        var index = 0
        while index + needle.count < head.count {
            guard lower(head[index]) == UInt8(ascii: "c"), matches(needle, at: index) else {
                index += 1
                continue
            }
            // Only inside a <meta …> tag: the nearest '<' before must open "meta".
            var open = index
            while open > 0, head[open] != UInt8(ascii: "<"), head[open] != UInt8(ascii: ">") { open -= 1 }
            index += needle.count
            guard head[open] == UInt8(ascii: "<"), matches(Array("<meta".utf8), at: open) else { continue }
            var cursor = index
            while cursor < head.count, head[cursor] == 0x20 { cursor += 1 }
            guard cursor < head.count, head[cursor] == UInt8(ascii: "=") else { continue }
            cursor += 1
            while cursor < head.count, head[cursor] == 0x20 || head[cursor] == 0x22 || head[cursor] == 0x27 {
                cursor += 1
            }
            var end = cursor
            while end < head.count, !" \"';>/\t\n\r".utf8.contains(head[end]) { end += 1 }
            if end > cursor { return String(decoding: head[cursor..<end], as: UTF8.self) }
        }
        return nil
    }

    /// Maps a charset label to the name used here (WHATWG aliases for the common ones).
    static func canonical(_ label: String) -> String {
        let lower = label.lowercased()
        switch lower {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "utf-16", "utf-16le", "utf-16be": return "utf-16"
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252",
            "cp1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "iso_8859-1:1987":
            return "windows-1252"
        default: return lower
        }
    }

    /// Whether a canonical label names an encoding libxml2 can convert (its own, or iconv's).
    ///
    /// - Parameter label: A label from ``canonical(_:)``.
    /// - Returns: True for the labels handled here and any that iconv opens.
    static func isKnown(_ label: String) -> Bool {
        if ["utf-8", "utf-16", "windows-1252"].contains(label) { return true }
        // Only letters, digits and -_.:() appear in real labels; anything else is markup debris.
        guard !label.isEmpty,
            label.utf8.allSatisfy({ byte in
                (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || "-_.:()".utf8.contains(byte)
            })
        else { return false }
        #if canImport(Glibc)
        let converter: iconv_t? = iconv_open("UTF-8", label)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return false }
        iconv_close(converter)
        return true
        #else
        return true
        #endif
    }

    /// Bytes in an encoding iconv knows, as UTF-8: an invalid or cut-off sequence becomes U+FFFD
    /// and decoding goes on with the next byte, as a browser's decoder does.
    ///
    /// - Parameters:
    ///   - body: The raw bytes.
    ///   - label: A label iconv opens (see ``isKnown(_:)``).
    /// - Returns: UTF-8 bytes, or `nil` where iconv is not available or does not know the label.
    static func transcoded(_ body: [UInt8], from label: String) -> [UInt8]? {
        #if canImport(Glibc)
        let opened: iconv_t? = iconv_open("UTF-8", label)
        guard let converter = opened, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output: [UInt8] = []
        output.reserveCapacity(body.count + body.count / 2)
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var input = body
        input.withUnsafeMutableBytes { source in
            var next = source.baseAddress?.assumingMemoryBound(to: CChar.self)
            var left = source.count
            while left > 0 {
                chunk.withUnsafeMutableBytes { target in
                    var out = target.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var room = target.count
                    let result = iconv(converter, &next, &left, &out, &room)
                    output.append(contentsOf: target.prefix(target.count - room))
                    // E2BIG: the chunk is full, go round again. EILSEQ, EINVAL: skip one byte.
                    if result == -1, errno != E2BIG, left > 0 {
                        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        next = next.map { $0 + 1 }
                        left -= 1
                        // Back to the initial shift state for a stateful encoding (ISO-2022-JP).
                        iconv(converter, nil, nil, nil, nil)
                    }
                }
            }
        }
        return output
        #else
        return nil
        #endif
    }

    /// UTF-8 with every invalid byte read as Windows-1252.
    static func repairedUTF8(_ bytes: [UInt8]) -> [UInt8] {
        guard let firstInvalid = firstInvalidUTF8(in: bytes) else { return bytes }
        var output = Array(bytes[bytes.startIndex..<firstInvalid])
        output.reserveCapacity(bytes.count + bytes.count / 8)
        var index = firstInvalid
        while index < bytes.endIndex {
            let length = validSequenceLength(bytes, at: index)
            if length == 0 {
                appendUTF8(of: windows1252Scalar(bytes[index]), to: &output)
                index += 1
            } else {
                output.append(contentsOf: bytes[index..<index + length])
                index += length
            }
        }
        return output
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, or `nil`.
    ///
    /// Pages are mostly ASCII, so eight bytes at a time are checked for a high bit first.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            var index = 0
            while index < raw.count {
                if index + 8 <= raw.count,
                    raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                {
                    index += 8
                    continue
                }
                let length = validSequenceLength(bytes, at: index)
                if length == 0 { return index }
                index += length
            }
            return nil
        }
    }

    /// Windows-1252 (and so Latin-1) bytes as UTF-8.
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                appendUTF8(of: windows1252Scalar(byte), to: &output)
            }
        }
        return output
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// The length of the valid UTF-8 sequence starting at `index`, or 0 if it is not valid.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            highest = 0x9F
        case 0xF0:
            length = 4
            lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            highest = 0x8F
        default: return 0
        }
        guard index + length <= bytes.endIndex else { return 0 }
        let second = bytes[index + 1]
        guard second >= lowest, second <= highest else { return 0 }
        for offset in 2..<max(length, 2) where bytes[index + offset] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }

    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D,
        0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A,
        0x153, 0x9D, 0x17E, 0x178,
    ]

    private static func windows1252Scalar(_ byte: UInt8) -> UInt32 {
        (0x80...0x9F).contains(byte) ? high[Int(byte - 0x80)] : UInt32(byte)
    }

    private static func appendUTF8(of scalar: UInt32, to output: inout [UInt8]) {
        if scalar < 0x80 {
            output.append(UInt8(scalar))
        } else if scalar < 0x800 {
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
