import Foundation

/// The form of a title or name under which two entries are the same entry.
///
/// Unicode NFKC, curly quotes and dashes unified to ASCII, case folded, whitespace collapsed,
/// trailing `.,;:!?` removed: the rules of the corpus truth (`tools/corpus_norm.py`), so an
/// edit that only touches these is no new entry.
enum TitleKey {
    /// The normalised form of a displayed title or name.
    static func normalise(_ text: String) -> String {
        if let ascii = normaliseASCII(text) { return ascii }
        let folded = text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(unified(scalar))
        }
        while let last = out.last, trailing.contains(last) || last.properties.isWhitespace {
            out.removeLast()
        }
        return String(out)
    }

    /// The same rules on a pure-ASCII title, without Foundation's Unicode machinery (NFKC and
    /// case folding of ASCII are plain lower-casing); `nil` when the title has other characters.
    private static func normaliseASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                    pendingSpace = !out.isEmpty
                    continue
                default:
                    break
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte + 0x20)
                case UInt8(ascii: "`"): out.append(UInt8(ascii: "'"))
                default: out.append(byte)
                }
            }
            while let last = out.last, trailingBytes.contains(last) { out.removeLast() }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static let trailingBytes: Set<UInt8> = Set(" .,;:!?".utf8)

    private static let trailing: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "?"]

    private static func unified(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x60, 0xB4: "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0xAB, 0xBB: "\""
        case 0x2010...0x2015, 0x2212: "-"
        default: scalar
        }
    }

    /// How alike two normalised titles are: 2·LCS / (|a| + |b|) over Unicode scalars, in 0...1.
    ///
    /// Returns 0 without the quadratic work when the lengths alone rule out `minimum`.
    static func similarity(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], minimum: Double) -> Double {
        let total = a.count + b.count
        guard total > 0 else { return 1 }
        if Double(2 * min(a.count, b.count)) / Double(total) < minimum { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for i in 1...max(a.count, 1) where !a.isEmpty {
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return Double(2 * previous[b.count]) / Double(total)
    }
}
