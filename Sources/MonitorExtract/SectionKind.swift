import Foundation
import MonitorCore

/// What a page section lists, decided from its heading.
enum SectionKind: Equatable {
    case publications
    case talks
    case members
    /// Anything else: software, posters, news, the bio. Yields no entries.
    case other

    /// Classifies a heading such as "# Publications", "Recent publications" or "Lab members".
    ///
    /// A heading that names none of the three kinds gives `.other`.
    ///
    /// - Parameter heading: The heading text as displayed.
    init(heading: String) {
        let words = SectionKind.words(of: heading)
        guard !words.isEmpty, words.count <= 6 else {
            self = .other
            return
        }
        let has = { (word: String) in words.contains(word) }
        if has("poster") || has("posters") || has("software") || has("code") || has("news") || has("teaching")
            || has("service") || has("awards") || has("contact") || has("courses")
        {
            self = .other
        } else if has("publications") || has("publication") || has("papers") || has("preprints")
            || has("reports") || has("articles") || has("manuscripts") || has("bibliography")
            || has("proceedings") || has("whitepapers") || has("research") || has("chapters") || has("books")
            || has("theses") || has("dissertations") || has("patents")
        {
            self = .publications
        } else if has("talks") || has("talk") || has("presentations") || has("lectures") || has("keynotes")
            || has("seminars")
        {
            self = .talks
        } else if has("members") || has("students") || has("people") || has("team") || has("group")
            || has("advisees") || has("alumni") || has("mentees") || has("lab")
        {
            self = .members
        } else {
            self = .other
        }
    }

    /// The kind of entries a section of this kind holds; nil for ``other``.
    var entryKind: EntryKind? {
        switch self {
        case .publications: .publication
        case .talks: .talk
        case .members: .member
        case .other: nil
        }
    }

    /// Why a heading gave this kind, for `--explain`.
    ///
    /// - Parameter overridden: True when the kind is read by XPath overrides instead.
    /// - Returns: One short phrase.
    func reason(overridden: Bool?) -> String {
        switch self {
        case .other: "the heading names no publications, talks or members: not read"
        case .publications, .talks, .members:
            overridden == true
                ? "the heading names \(entryKind?.plural ?? ""), but the site's selectors read them instead"
                : "the heading names \(entryKind?.plural ?? "")"
        }
    }

    /// The list a publication is in, when the page has more than one kind of list.
    ///
    /// A plain heading ("Publications", "# Recent publications", "Selected papers") gives `nil`, so
    /// a page that renames its one list changes nothing; any other ("Technical Reports,
    /// Whitepapers, etc.", "Journal articles") gives the heading as displayed, so a paper that
    /// moves from one list to another is a modified `section`.
    ///
    /// - Parameter heading: The section heading as displayed.
    /// - Returns: The heading, or `nil` for a plain publications heading.
    static func label(ofPublicationHeading heading: String) -> String? {
        let plain: Set<String> = [
            "publications", "publication", "papers", "paper", "recent", "selected", "list", "of", "my", "all",
            "full", "and", "the",
        ]
        guard !words(of: heading).allSatisfy(plain.contains) else { return nil }
        let label = heading.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "#:")))
        return label.isEmpty ? nil : label
    }

    /// Lower-case words of a heading, without "#", digits or punctuation.
    private static func words(of heading: String) -> [String] {
        heading.lowercased()
            .split { !$0.isLetter }
            .map(String.init)
    }
}
