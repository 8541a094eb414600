import Foundation

/// The form of a title or name under which two entries are the same entry.
///
/// Unicode NFKC, curly quotes and dashes unified to ASCII, case folded, whitespace collapsed,
/// trailing `.,;:!?` removed: the rules of the corpus truth (`tools/corpus_norm.py`), so an
/// edit that only touches these is no new entry.
enum TitleKey {
    /// The normalised form of a displayed title or name.
    static func normalise(_ text: String) -> String {
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
