import Foundation

extension EntryKind {
    /// Reads a comma-separated list of kinds as a user writes it: "publication,talks", singular or plural.
    ///
    /// - Parameter text: The list.
    /// - Returns: The kinds named, or the first word that names none (lower-cased, trimmed).
    public static func kinds(inList text: String) -> (kinds: Set<EntryKind>, unknown: String?) {
        var kinds: Set<EntryKind> = []
        for part in text.split(separator: ",") {
            let word = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let kind = allCases.first(where: { $0.rawValue == word || $0.plural == word }) else {
                return (kinds, word)
            }
            kinds.insert(kind)
        }
        return (kinds, nil)
    }
}
