import MonitorCore

/// Members: a person's name, link and role, one per line or one per card.
extension EntryParser {
    /// The members of a group: one per line ("Name, role"), or one name line with a role line.
    static func members(from group: ArraySlice<Line>, links resolver: URLResolver) -> [Member] {
        // A card's avatar initials ("BS" where the photo is missing) are not a person.
        let lines = group.drop { line in
            (1...3).contains(line.text.count) && line.links.isEmpty
                && line.text.allSatisfy { (0x41...0x5A).contains($0) }
        }
        // An opening's card ("Join Our Team", "PhD Position Available") holds no person.
        if let head = lines.first, head.isTitleHeading, SectionKind.namesOpening(head.string) { return [] }
        // A grid of people: one table cell per person (photo, name, role).
        if let first = lines.first, first.cellID >= 0, lines.contains(where: { $0.cellID != first.cellID }) {
            var members: [Member] = []
            var start = lines.startIndex
            for index in lines.indices.dropFirst() where lines[index].cellID != lines[index - 1].cellID {
                members += EntryParser.members(from: lines[start..<index], links: resolver)
                start = index
            }
            return members + EntryParser.members(from: lines[start..<lines.endIndex], links: resolver)
        }
        // A person's card: a name line, then role, dates and "Label: value" lines: one person, whose
        // description is the role line, else the text beside the name, else the other lines.
        // A bold or linked name alone on its line opens a card: only another such name ends it. A
        // "Name, role" line opens a list, which any other name line continues.
        if lines.count >= 2, lines.count <= (lines.first?.isTitleHeading == true ? 8 : 6), let head = lines.first,
            isNameLine(head),
            var person = member(from: head, links: resolver), isCard(lines, opener: person)
        {
            // A "Read more" button under the name links to the person's page: their url, no description.
            let buttons = lines.dropFirst().filter(isMoreButton)
            if person.url == nil, let button = buttons.first?.links.first {
                person.url = resolver.resolve(button.href)
            }
            // "PhD candidate, CBE | Email | …": the role before the contact links is kept.
            let rest = lines.dropFirst().compactMap { line -> Line? in
                guard !isLabelValue(line), !isMoreButton(line) else { return nil }
                guard isContact(line) else { return line }
                let end = min(
                    line.firstIndex(of: " |", in: 0..<line.text.count) ?? line.text.count,
                    line.links.first?.range.lowerBound ?? line.text.count
                )
                let role = line.prefix(line.trimmed(0..<end, dropping: " |,(").upperBound)
                return !role.text.isEmpty && isRole(role) && !isContact(role) ? role : nil
            }
            if let role = rest.first(where: isRole) {
                person.description = role.string
            } else if person.description == nil, let role = rest.first(where: isWhollyBold) {
                // No role words: a bold line of its own under the name is the role ("Group Mascot").
                person.description = role.string
            } else if person.description == nil, !rest.isEmpty {
                person.description = rest.map(\.string).joined(separator: " ")
            }
            return [person]
        }
        // A name line, then a role line (and perhaps interests): one person.
        if (2...3).contains(lines.count), var combined = member(from: lines[lines.startIndex], links: resolver),
            combined.description == nil, lines.dropFirst().allSatisfy({ $0.links.isEmpty }),
            lines.count == 2 || isRole(lines[lines.startIndex + 1])
        {
            combined.description = lines[lines.startIndex + 1].string
            return [combined]
        }
        // One person per line: a line whose "name" is a role-group label ("PhD Students"), a
        // question or a button ("Interested in Joining the Lab?", "Get in Touch") is none.
        return lines.compactMap { member(from: $0, links: resolver) }.filter(hasPersonName)
    }

    /// True when a group is one person's card: a bold or linked name alone on its line, then lines
    /// with no other such name; or a "Name, role" line whose other lines are roles or labels, not names.
    private static func isCard(_ lines: ArraySlice<Line>, opener: Member) -> Bool {
        guard let head = lines.first else { return false }
        let rest = lines.dropFirst()
        if isStrongName(head), opener.description == nil {
            // A bold lead ending in a colon ("<b>Research Interests</b>: …") labels a field, no person.
            return !rest.contains { isStrongName($0) && !isFieldLabel($0) }
        }
        return !rest.contains(where: isNameLine) && rest.contains(where: isRoleOrLabel)
    }

    /// A line that opens with a person's name: a bold or linked span at its start of one to five
    /// capitalised words ("<b>Seyong Kim</b>, MS"), or a short line of such words.
    static func isNameLine(_ line: Line) -> Bool {
        let span =
            line.bold.first { $0.lowerBound == 0 }?.upperBound
            ?? line.links.first { $0.range.lowerBound == 0 && !$0.range.isEmpty }?.range
            .upperBound
        if let span { return isName(line, end: span) }
        // Unstyled: "Monty Ash, Undergraduate" or a short line of two to five capitalised words.
        let end = line.text.firstIndex(of: UInt8(ascii: ",")) ?? (line.text.count <= 40 ? line.text.count : 0)
        return isName(line, end: end) && line.text[..<end].contains(0x20)
    }

    /// A line that opens with a bold or linked name ("<b>Seyong Kim</b>, MS", "<a>Ada Lindqvist</a>").
    static func isStrongName(_ line: Line) -> Bool {
        if line.isTitleHeading { return isName(line, end: line.text.count) }
        let span =
            line.bold.first { $0.lowerBound == 0 }?.upperBound
            ?? line.links.first { $0.range.lowerBound == 0 && !$0.range.isEmpty }?.range
            .upperBound
        return span.map { isName(line, end: $0) } ?? false
    }

    /// True when a member's name reads as a person's: one to five capitalised words, no role.
    private static func hasPersonName(_ member: Member) -> Bool {
        var line = Line()
        line.text = Array(member.name.utf8)
        // "Anita Brown, REU 2017": the name before the comma.
        return isName(line, end: line.text.firstIndex(of: UInt8(ascii: ",")) ?? line.text.count)
    }

    /// True when the line's first `end` bytes are one to five capitalised words, not a role.
    static func isName(_ line: Line, end: Int) -> Bool {
        let end = min(end, line.text.count)
        guard end > 0, !line.text[..<end].contains(UInt8(ascii: ":")) else { return false }
        // Byte-level: this runs for every line of a members section.
        var words = 0
        var start = 0
        while start < end {
            while start < end, line.text[start] == 0x20 { start += 1 }
            guard start < end else { break }
            var stop = start
            while stop < end, line.text[stop] != 0x20 { stop += 1 }
            words += 1
            let first = line.text[start]
            // A capital, a non-ASCII letter (é, Ø, …) or punctuation ("(Lisa)") starts a name word.
            let isLower = first >= 0x61 && first <= 0x7A
            if isLower && !nameParticles.contains(where: { line.text[start..<stop].elementsEqual($0.utf8) }) {
                return false
            }
            // An acronym ("MEAM", "PhD" aside) is no name word; initials ("J.", "M.-L.") are.
            let word = line.text[start..<stop]
            // A word that opens with a digit ("Feb' 24 Ana Ruiz" is a news item) is in no name.
            if first >= 0x30 && first <= 0x39 { return false }
            // "@ada_b" is a handle, "#ml" a tag.
            if first == 0x40 || first == 0x23 { return false }
            // A word with no letter ("//", "|", "-", an icon such as ✉ or 🎓) is punctuation or a
            // button between fields, never in a name. Letters beyond ASCII start with the lead bytes of
            // Latin, Greek, Cyrillic, Arabic (C3–DF), Indic, Thai, Vietnamese (E0–E1) and CJK, kana
            // and Hangul (E3–ED); E2 and F0 start symbols and emoji.
            if !word.contains(where: {
                (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) || (0xC3...0xE1).contains($0) || (0xE3...0xED).contains($0)
            }) {
                return false
            }
            if word.count >= 3, word.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2C }) { return false }
            start = stop
        }
        guard (1...5).contains(words) else { return false }
        return !isRole(line.prefix(end)) && !isProfileLabel(line, end: end)
            && !(words <= 3 && isButtonLabel(line, end: end))
    }

    /// A button's label, never a person's name: "Learn More", "Read More", "See All", "Contact Us".
    private static func isButtonLabel(_ line: Line, end: Int) -> Bool {
        // The verb first ("Learn", "Contact"), then only the words such buttons end in.
        guard line.firstWordIs(anyOf: buttonVerbs) else { return false }
        let objects: Set<Substring> = [
            "more", "all", "us", "here", "now", "details", "team", "started", "in", "touch", "the",
        ]
        return line.string(in: 0..<end).lowercased().split { !$0.isLetter }.dropFirst().allSatisfy(objects.contains)
    }

    private static let buttonVerbs: [StaticString] = [
        "learn", "read", "see", "view", "show", "contact", "click", "apply", "meet", "get",
    ]

    /// The label of a profile or contact link, which is never a person's name: "Google Scholar",
    /// "Faculty Page", "C.V.", "Email", "LinkedIn".
    private static func isProfileLabel(_ line: Line, end: Int) -> Bool {
        // Byte-level first: this runs for every name checked, and most first words are no label.
        var stop = 0
        while stop < end, (line.text[stop] | 0x20) >= 0x61, (line.text[stop] | 0x20) <= 0x7A { stop += 1 }
        guard stop > 0, stop == end || line.text[stop] < 0x80,
            profileLabelWords.contains(line.text[..<stop].map { $0 | 0x20 })
        else { return false }
        let words = line.string(in: 0..<end).lowercased().split { !$0.isLetter }
        guard let first = words.first else { return false }
        let labels: Set<Substring> = [
            "google", "scholar", "cv", "c", "email", "e", "mail", "linkedin", "github", "twitter", "orcid",
            "researchgate", "homepage", "website", "profile", "faculty", "personal", "webpage", "bluesky",
        ]
        return labels.contains(first)
            && words.allSatisfy { labels.contains($0) || $0 == "page" || $0 == "v" || $0 == "site" }
    }

    /// The first words of profile labels, lower-cased bytes.
    private static let profileLabelWords: Set<[UInt8]> = Set(
        [
            "google", "scholar", "cv", "c", "email", "e", "mail", "linkedin", "github", "twitter", "orcid",
            "researchgate", "homepage", "website", "profile", "faculty", "personal", "webpage", "bluesky",
        ].map { Array($0.utf8) }
    )

    private static let nameParticles = ["van", "von", "de", "der", "da", "di", "la", "le", "bin", "al", "del", "dos"]

    /// A line that gives a role, dates or a "Label: value" rather than a name.
    static func isRoleOrLabel(_ line: Line) -> Bool {
        isRole(line) || isLabelValue(line) || line.text.first.map { (0x30...0x39).contains($0) || $0 == 0x28 } == true
    }

    /// "Research interest: Satellite MIMO", "Next position: SKT".
    private static func isLabelValue(_ line: Line) -> Bool {
        guard let colon = line.text.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < 30 else { return false }
        return line.text[..<colon].count(where: { $0 == 0x20 }) <= 3
    }

    /// A line that is one link labelled as a button to a person's page: "Read more", "More »", "View
    /// profile", "Details".
    private static func isMoreButton(_ line: Line) -> Bool {
        guard line.links.count == 1, line.text.count <= 20, line.links[0].range.count * 10 >= line.text.count * 8
        else { return false }
        let words = line.string.lowercased().split { !$0.isLetter }
        let labels: Set<Substring> = ["read", "more", "view", "profile", "details", "bio", "learn", "full"]
        return !words.isEmpty && words.contains { $0 == "more" || $0 == "profile" || $0 == "details" }
            && words.allSatisfy(labels.contains)
    }

    /// A line whose bold opening is followed by a colon: "<b>Education</b>: …".
    private static func isFieldLabel(_ line: Line) -> Bool {
        guard let end = line.bold.first(where: { $0.lowerBound == 0 })?.upperBound else { return false }
        let next = line.trimmed(end..<line.text.count).lowerBound
        return next < line.text.count && line.text[next] == UInt8(ascii: ":")
            || end > 0 && line.text[end - 1] == UInt8(ascii: ":")
    }

    /// An e-mail address, a handle ("@ada_b") or a "[CV]" link: contact details, not a role.
    ///
    /// An "@" that opens a word inside the line ("Postdoc @NUS") is an affiliation.
    private static func isContact(_ line: Line) -> Bool {
        if line.links.contains(where: { $0.href.lowercased().hasPrefix("mailto:") }) { return true }
        if line.text.count > 1, line.text[0] == UInt8(ascii: "@"), line.text[1] != 0x20 { return true }
        var index = 1
        while index < line.text.count {
            if line.text[index] == UInt8(ascii: "@"), line.text[index - 1] != 0x20 { return true }
            index += 1
        }
        return false
    }

    /// True for a line that names a role ("PhD Student", "Postdoctoral Researcher").
    static func isRole(_ line: Line) -> Bool {
        let all = 0..<line.text.count
        return roleWords.contains { TextScan.containsIgnoringCase(line.text, all, $0) }
    }

    private static let roleWords: [StaticString] = [
        "student", "postdoc", "researcher", "professor", "fellow", "scientist", "engineer", "intern", "candidate",
        "undergrad", "master", "phd", "visiting", "alum", "lecturer", "assistant", "associate", "manager", "director",
        "staff", "investigator", "principal", "technician", "coordinator", "administrator",
    ]

    /// A member from one line: a (linked) name, then the role after a comma or dash.
    static func member(from line: Line, links resolver: URLResolver) -> Member? {
        let all = 0..<line.text.count
        guard isPlausibleTitle(line) else { return nil }
        var name: Range<Int>
        var rest: Range<Int>
        var url: String?
        if let link = line.links.first, link.range.lowerBound == 0 {
            name = link.range
            rest = link.range.upperBound..<all.upperBound
            url = resolver.resolve(link.href)
        } else if let open = line.firstIndex(of: " (", in: all), line.text.last == UInt8(ascii: ")"),
            line.text[..<open].firstIndex(of: UInt8(ascii: ",")) == nil
        {
            // "Jiaman (Lisa) Wu (AU22 –, co-advised with …)": the last parenthesis that runs to the end
            // is the description; one inside the name stays.
            var start = open
            while let next = line.firstIndex(of: " (", in: start + 2..<all.upperBound) { start = next }
            name = 0..<start
            rest = start + 1..<all.upperBound
        } else if let comma = line.text.firstIndex(of: UInt8(ascii: ",")) {
            name = 0..<comma
            rest = comma..<all.upperBound
        } else {
            name = all
            rest = all.upperBound..<all.upperBound
        }
        name = line.trimmed(name)
        guard let nameText = line.field(name), nameText.count <= 80 else { return nil }
        // An unlinked line is a name only when it is short and not a sentence ("I work with …").
        if url == nil, nameText.split(separator: " ").count > 5 || nameText.hasSuffix(".") || nameText.hasSuffix(":") {
            return nil
        }
        let description = line.dropping(anyOf: ["– ", "— "], from: line.trimmed(rest, dropping: " ,;:-"))
        // "Ratul Chowdhury, PhD": the degree is part of how the name is written, not a role.
        if let text = line.field(description), isDegree(text) { return Member(name: nameText, url: url) }
        return Member(name: nameText, url: url, description: line.field(description))
    }

    /// A person's name with a degree after a comma.
    ///
    /// "Ni Ji (吉妮), Ph.D.", "Ratul Chowdhury, PhD": such a heading is the person, not a list of
    /// members, though "PhD" names students elsewhere.
    static func isNameWithDegree(_ line: Line) -> Bool {
        guard let comma = line.text.lastIndex(of: UInt8(ascii: ",")), comma > 0 else { return false }
        return isDegree(line.string(in: line.trimmed(comma + 1..<line.text.count))) && isName(line, end: comma)
    }

    /// "PhD", "Ph.D.", "M.S.", "MSc", "MD": a degree written after a name.
    static func isDegree(_ text: String) -> Bool {
        guard text.utf8.count <= 8 else { return false }
        let bare = text.filter { $0 != "." && $0 != " " }.lowercased()
        return ["phd", "md", "ms", "msc", "bs", "bsc", "ma", "mba", "dphil", "mphil", "meng", "ba", "jd"].contains(bare)
    }
}
