import Foundation
import MonitorCore
import MonitorExtract
import TOMLKit

// `[sites.selectors.*]`: XPath overrides, compiled by libxml2 while the file is read.
extension Configuration {
    /// `[sites.selectors.publications]` and its kin: XPath rules checked by libxml2 now, not at the
    /// first check.
    static func parseSelectors(_ site: TOMLTable, reader: Reader, siteIndex: Int) throws -> SiteSelectors {
        let section = Reader.Section(name: "sites", index: siteIndex)
        var selectors = SiteSelectors()
        guard let table = try reader.table(site, "selectors", section: section) else { return selectors }
        let tableSection = Reader.Section(name: "sites.selectors", index: siteIndex)
        try reader.checkKeys(
            table,
            allowed: Set(EntryKind.allCases.map(\.plural)),
            section: tableSection,
            hint: "[sites.selectors] takes the tables publications, talks and members"
        )
        for kind in EntryKind.allCases {
            let name = "sites.selectors.\(kind.plural)"
            guard let rules = try reader.table(table, kind.plural, section: tableSection) else { continue }
            let kindSection = Reader.Section(name: name, index: siteIndex)
            let fields = SelectorRules.fieldNames(of: kind)
            try reader.checkKeys(
                rules,
                allowed: Set(["section", "entry"] + fields),
                section: kindSection,
                hint: "[\(name)] takes section, entry and \(fields.joined(separator: ", "))"
            )
            guard let entry = try reader.string(rules, "entry", section: kindSection) else {
                throw reader.error(
                    section: kindSection,
                    key: nil,
                    "[\(name)] has no entry; add entry = \".//li\" (an XPath that selects each entry)"
                )
            }
            var parsed = SelectorRules(entry: entry)
            parsed.section = try reader.string(rules, "section", section: kindSection)
            for field in fields {
                if let expression = try reader.string(rules, field, section: kindSection) {
                    parsed.fields[field] = expression
                }
            }
            for (key, expression) in [("entry", entry), ("section", parsed.section)] + parsed.fields.map({ ($0, $1) }) {
                guard let expression else { continue }
                if let problem = Extractor.selectorProblem(expression) {
                    throw reader.error(
                        section: kindSection,
                        key: key,
                        "'\(expression)' is not a valid XPath 1.0 expression (\(problem)); "
                            + "fix it (XPath 1.0; see the README's Selector overrides)"
                    )
                }
            }
            selectors[kind] = parsed
        }
        return selectors
    }
}
