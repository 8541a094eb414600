import TOMLKit

/// Reads typed values out of parsed TOML; every problem becomes a ``ConfigError`` with its line.
///
/// TOMLKit keeps no source positions for values, so the line is found in the
/// text: the key's line inside the right `[table]` or n-th `[[array]]` section.
struct Reader {
    /// A section of the file: `[name]`, or the `index`-th `[[name]]`.
    struct Section {
        var name: String
        var index: Int?
    }

    let file: String
    let lines: [Substring]

    init(file: String, text: String) {
        self.file = file
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func error(section: Section?, key: String?, _ message: String) -> ConfigError {
        let prefix = key.map { "\(section.map { "\($0.name)." } ?? "")\($0): " } ?? ""
        // A table key has no `key =` line: its `[section.key]` header is the place.
        let tableHeader = key.flatMap { key in
            section.flatMap { line(of: nil, in: Section(name: "\($0.name).\(key)", index: $0.index)) }
        }
        return ConfigError(file: file, line: line(of: key, in: section) ?? tableHeader, message: prefix + message)
    }

    /// The 1-based line of `key` in a section (or of the section header when `key` is nil).
    func line(of key: String?, in section: Section?) -> Int? {
        var current: (name: String, index: Int)? = nil
        var counts: [String: Int] = [:]
        for (number, raw) in lines.enumerated() {
            let text = raw.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            if text.hasPrefix("[[") {
                let name = String(text.dropFirst(2).prefix { $0 != "]" }).trimmed
                let index = counts[name, default: 0]
                counts[name] = index + 1
                current = (name, index)
                if key == nil, let section, section.name == name, section.index == index { return number + 1 }
                continue
            }
            if text.hasPrefix("[") {
                let name = String(text.dropFirst().prefix { $0 != "]" }).trimmed
                // `[sites.selectors.talks]` belongs to the latest `[[sites]]`: it takes that index.
                let owner = name.split(separator: ".").first.map(String.init) ?? name
                current = (name, max(0, counts[owner, default: 1] - 1))
                if key == nil, let section, section.name == name,
                    section.index == nil || section.index == current?.index
                {
                    return number + 1
                }
                continue
            }
            guard let key else { continue }
            let inSection: Bool
            if let section {
                inSection = current?.name == section.name && (section.index == nil || current?.index == section.index)
            } else {
                inSection = current == nil
            }
            guard inSection, text.hasPrefix(key) else { continue }
            let rest = text.dropFirst(key.count).trimmingPrefix(while: { $0 == " " || $0 == "\t" })
            if rest.hasPrefix("=") { return number + 1 }
        }
        return nil
    }

    func checkKeys(_ table: TOMLTable, allowed: Set<String>, section: Section?, hint: String) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            throw error(section: section, key: key, "unknown key; \(hint)")
        }
    }

    func table(_ table: TOMLTable, _ key: String, section: Section?) throws -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let nested = value.tomlValue.table else {
            throw error(section: section, key: key, "must be a table: write it as a [\(key)] section")
        }
        return nested
    }

    func string(_ table: TOMLTable, _ key: String, section: Section?) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.tomlValue.string, !string.isEmpty else {
            throw error(section: section, key: key, "must be a non-empty string in quotes")
        }
        return string
    }

    /// A string or an array of strings.
    func strings(_ table: TOMLTable, _ key: String, section: Section?) throws -> [String]? {
        guard let value = table[key] else { return nil }
        if let single = value.tomlValue.string, !single.isEmpty { return [single] }
        guard let array = value.tomlValue.array else {
            throw error(section: section, key: key, "must be a string or a list of strings, such as [\"a\", \"b\"]")
        }
        var strings: [String] = []
        for element in array {
            guard let string = element.tomlValue.string, !string.isEmpty else {
                throw error(section: section, key: key, "must be a list of non-empty strings in quotes")
            }
            strings.append(string)
        }
        return strings
    }

    func bool(_ table: TOMLTable, _ key: String, section: Section?) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let bool = value.tomlValue.bool else {
            throw error(section: section, key: key, "must be true or false (without quotes)")
        }
        return bool
    }

    func positiveInt(_ table: TOMLTable, _ key: String, section: Section?) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let int = value.tomlValue.int, int > 0 else {
            throw error(section: section, key: key, "must be a whole number above 0")
        }
        return int
    }

    func fraction(_ table: TOMLTable, _ key: String, section: Section?) throws -> Double? {
        guard let value = table[key] else { return nil }
        let number = value.tomlValue.double ?? value.tomlValue.int.map(Double.init)
        guard let number, (0...1).contains(number) else {
            throw error(section: section, key: key, "must be a fraction between 0 and 1, such as 0.5")
        }
        return number
    }

    func duration(_ table: TOMLTable, _ key: String, section: Section?) throws -> Duration? {
        guard let value = table[key] else { return nil }
        if let seconds = value.tomlValue.int, seconds > 0, seconds <= DurationText.longest { return .seconds(seconds) }
        guard let text = value.tomlValue.string, let duration = DurationText.parse(text) else {
            throw error(
                section: section,
                key: key,
                "must be a duration such as \"6h\", \"30m\", \"90s\" or \"1d\", or whole seconds (at most a year)"
            )
        }
        return duration
    }
}

extension String {
    fileprivate var trimmed: String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
