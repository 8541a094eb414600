import Foundation
import MonitorCore

/// What a page section lists, decided from its heading.
enum SectionKind: Equatable {
    case publications
    case talks
    case members
    /// A heading that names something that is not entries: software, posters, news, alumni. Yields
    /// no entries, and as a sub-heading it ends its list's entries until the next sub-heading.
    case other
    /// A heading that names nothing known ("Journal Paper", "Selected Work", a group's name), or
    /// no heading at all: what its records look like decides (see ``Extractor``).
    case unnamed
    /// A year ("2023", "2019 and earlier"): it dates the entries below it and never ends a section.
    case year

    /// Classifies a heading such as "# Publications", "Recent publications" or "Lab members".
    ///
    /// A heading that names none of the three kinds gives `.unnamed`, one that names something
    /// else (news, software, former members) `.other`.
    ///
    /// - Parameter heading: The heading text as displayed.
    init(heading: String) {
        if TextScan.year(inHeading: heading) != nil, SectionKind.isYearHeading(heading) {
            self = .year
            return
        }
        let words = SectionKind.words(
            of: heading.utf8.contains(UInt8(ascii: "&"))
                ? heading.replacingOccurrences(of: "&", with: " and ") : heading
        )
        guard !words.isEmpty, words.count <= 6 else {
            self = .unnamed
            return
        }
        // Posters after talks ("Talks & Conference Posters") make a talks list: its posters are talks
        // to a reader of the page.
        // "Poster presentations" are posters.
        if let talk = words.firstIndex(where: SectionKind.talkWords.contains),
            let poster = words.firstIndex(where: { $0.hasPrefix("poster") }), talk < poster,
            words.allSatisfy({ !SectionKind.alwaysExcluded.contains($0) || $0 == "posters" || $0 == "poster" })
        {
            self = .talks
            return
        }
        // A word that always means something else wins anywhere: "Lab news", "Past members"; so does
        // an opening ("Join Our Team", "Open Positions") or a legend.
        if words.contains(where: SectionKind.alwaysExcluded.contains) || SectionKind.namesOpening(words) {
            self = .other
            return
        }
        // Otherwise, in the first part (before "and") that names something, the last word that names
        // something decides, as a noun phrase's head noun does: "Master's Thesis Students" is
        // members, "Group Publications" papers, "Papers and code" papers, "Software and papers" not.
        // Hyphenated words count joined too ("Post-docs").
        let joined = zip(words, words.dropFirst()).map { $0 + $1 }
        var parts: [[String]] = [[]]
        for word in words {
            if word == "and" { parts.append([]) } else { parts[parts.count - 1].append(word) }
        }
        for part in parts {
            var decided: SectionKind?
            for word in part {
                // A kind word after "in", "at" or "from" is no head noun: "Latest in Lab" names no kind.
                if decided == nil, ["in", "at", "from"].contains(word) { break }
                if SectionKind.excluded.contains(word) {
                    decided = .other
                } else if SectionKind.publicationWords.contains(word) {
                    decided = .publications
                } else if SectionKind.talkWords.contains(word) {
                    decided = .talks
                } else if SectionKind.memberWords.contains(word) {
                    decided = .members
                }
            }
            if let decided {
                self = decided
                return
            }
        }
        if joined.contains(where: SectionKind.memberWords.contains) {
            self = .members
            return
        }
        // "Journal Paper" was decided above; "Conference Presentations" is talks; "Selected Work" and
        // "Journal Articles" are papers.
        // A longer heading with such a word is a card's subtitle ("Conference on Accessible Computing").
        self = words.count <= 3 && words.contains(where: SectionKind.venueWords.contains) ? .publications : .unnamed
    }

    /// True for a heading with a word that means something else wherever it stands ("Alumni",
    /// "Lab news", "Former members").
    static func endsMembersWherever(_ heading: String) -> Bool {
        words(of: heading).contains(where: alwaysExcluded.contains)
    }

    /// True for a heading that names people who have left ("Lab Alumni", "Former members", "Past
    /// visitors"): the role headings below it name former members too.
    static func namesFormerPeople(_ heading: String) -> Bool {
        words(of: heading).contains(where: formerWords.contains)
    }

    /// True for a heading that invites people to join rather than names them ("Join Our Team", "Open
    /// Positions", "We are hiring!"), or a legend of the icons in a grid ("Role Legend").
    static func namesOpening(_ heading: String) -> Bool {
        namesOpening(words(of: heading))
    }

    private static func namesOpening(_ words: [String]) -> Bool {
        words.first == "join" || words.contains(where: openingWords.contains)
    }

    private static let openingWords: Set<String> = [
        "openings", "opening", "vacancies", "vacancy", "hiring", "positions", "opportunities", "legend",
    ]

    private static let formerWords: Set<String> = [
        "alumni", "alumnus", "alumnae", "alums", "former", "past", "graduated", "previous",
    ]

    /// Words of a heading whose section holds no entries wherever they stand ("Lab news", "Former
    /// members", "Alumni and their theses").
    private static let alwaysExcluded: Set<String> = [
        "news", "alumni", "alumnus", "alumnae", "alums", "former", "past", "graduated", "previous", "posters",
        "poster", "teaching", "service", "committee", "committees", "patents", "blog", "updates",
        "announcements", "opinions", "funding", "sponsors", "grants", "courses", "biography", "hobbies",
        "copyright", "licence", "license",
    ]
    /// Words of a heading whose section holds no entries when they come first ("Software and
    /// papers", "Research interests").
    private static let excluded: Set<String> = [
        "poster", "posters", "software", "code", "news", "teaching", "service", "services", "awards", "contact",
        "courses", "course", "alumni", "alumnus", "alumnae", "former", "past", "graduated", "collaborators",
        "funding", "sponsors", "grants", "datasets", "projects", "blog", "posts", "opinions", "press",
        "updates", "announcements", "about", "bio", "biography", "education", "experience", "interests",
        "hobbies", "misc", "miscellaneous", "links", "committee", "committees", "previous", "graduates", "patents",
    ]
    private static let publicationWords: Set<String> = [
        "publications", "publication", "papers", "paper", "preprints", "preprint", "reports", "articles",
        "manuscripts", "bibliography", "proceedings", "whitepapers", "chapters", "chapter", "books",
        "book", "theses", "thesis", "dissertations",
    ]
    /// Words that name papers only when nothing else in the heading names a kind.
    private static let venueWords: Set<String> = [
        "journal", "journals", "conference", "conferences", "workshop", "workshops", "work", "works", "research",
    ]
    private static let talkWords: Set<String> = [
        "talks", "talk", "presentations", "lectures", "keynotes", "seminars", "tutorials", "colloquia",
    ]
    private static let memberWords: Set<String> = [
        "members", "students", "people", "team", "group", "advisees", "mentees", "lab", "postdocs",
        "researchers", "faculty", "staff", "investigators", "investigator", "scholars", "visitors", "postdoctoral",
        "postdoc", "associates", "associate", "fellows", "fellow", "scientists", "scientist", "principal", "phd",
        "interns", "intern", "engineers", "undergraduates", "undergraduate", "graduate", "masters", "doctoral",
        "advisors", "director", "directors", "pis",
        // The singular heads a role group as often ("Ph.D. Student", "M.S. Student", "Team Member").
        "student", "member", "researcher", "engineer", "visitor", "scholar", "master", "doctorate",
    ]

    /// True for a heading that is a year and little else: "2023", "2019 and earlier", "Year 2021".
    private static func isYearHeading(_ heading: String) -> Bool {
        let words = SectionKind.words(of: heading)
        let small: Set<String> = ["and", "before", "earlier", "older", "prior", "to", "year", "since", "in", "present"]
        return words.allSatisfy(small.contains)
    }

    /// True for the kinds whose headings name entries.
    var namesEntries: Bool { entryKind != nil }

    /// The kind of entries a section of this kind holds; nil for ``other``.
    var entryKind: EntryKind? {
        switch self {
        case .publications: .publication
        case .talks: .talk
        case .members: .member
        case .other, .unnamed, .year: nil
        }
    }

    /// Why a heading gave this kind, for `--explain`.
    ///
    /// - Parameter overridden: True when the kind is read by XPath overrides instead.
    /// - Returns: One short phrase.
    func reason(overridden: Bool?) -> String {
        switch self {
        case .other: "the heading names something other than publications, talks or members: not read"
        case .unnamed: "the heading names no kind, and its records look like none"
        case .year: "a year heading outside any list"
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
