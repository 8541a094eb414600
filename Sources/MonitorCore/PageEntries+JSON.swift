import Foundation

extension PageEntries {
    /// The entries as JSON with sorted keys, pretty-printed, with a trailing newline.
    ///
    /// This is the `monitor extract --format json` output and the form of the fixture goldens,
    /// so a golden mismatch reads as a line diff.
    ///
    /// - Throws: An `EncodingError` only if a value cannot be encoded, which plain strings cannot cause.
    public func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
