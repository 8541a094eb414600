import Foundation
import MonitorCore
import MonitorExtract
import TOMLKit

// Reading a configuration file's text: the top-level keys, [defaults], [limits] and [[sites]].
extension Configuration {
    /// Parses a configuration file's text.
    ///
    /// - Throws: ``ConfigError`` with the line of the offending key.
    public static func parse(_ text: String, file: String) throws -> Configuration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                file: file,
                line: error.source.begin.line,
                message: "not valid TOML: \(error.description)"
            )
        }
        let reader = Reader(file: file, text: text)
        var configuration = Configuration(source: file)
        try reader.checkKeys(
            table,
            allowed: ["contact", "state_dir", "defaults", "limits", "sites", "webhooks", "serve", "digest"],
            section: nil,
            hint: "top-level keys are contact, state_dir, [defaults], [limits], [[sites]], [[webhooks]], [serve] "
                + "and [digest]"
        )
        try parseWebSections(table, reader: reader, into: &configuration)
        configuration.contact = try reader.string(table, "contact", section: nil)
        configuration.stateDirectory = try reader.string(table, "state_dir", section: nil)

        if let defaults = try reader.table(table, "defaults", section: nil) {
            let section = Reader.Section(name: "defaults", index: nil)
            try reader.checkKeys(
                defaults,
                allowed: ["interval", "jitter", "timeout", "failures_before_report", "suspect_loss"],
                section: section,
                hint: "[defaults] takes interval, jitter, timeout, failures_before_report, suspect_loss"
            )
            configuration.interval =
                try reader.duration(defaults, "interval", section: section) ?? configuration.interval
            configuration.timeout = try reader.duration(defaults, "timeout", section: section) ?? configuration.timeout
            configuration.jitter = try reader.fraction(defaults, "jitter", section: section) ?? configuration.jitter
            configuration.suspectLoss =
                try reader.fraction(defaults, "suspect_loss", section: section) ?? configuration.suspectLoss
            configuration.failuresBeforeReport =
                try reader.positiveInt(defaults, "failures_before_report", section: section)
                ?? configuration.failuresBeforeReport
        }
        if let limits = try reader.table(table, "limits", section: nil) {
            let section = Reader.Section(name: "limits", index: nil)
            try reader.checkKeys(
                limits,
                allowed: ["concurrency", "max_body_bytes"],
                section: section,
                hint: "[limits] takes concurrency and max_body_bytes"
            )
            configuration.concurrency =
                try reader.positiveInt(limits, "concurrency", section: section) ?? configuration.concurrency
            configuration.maxBodyBytes =
                try reader.positiveInt(limits, "max_body_bytes", section: section) ?? configuration.maxBodyBytes
        }
        if let value = table["sites"] {
            guard let sites = value.tomlValue.array else {
                throw reader.error(
                    section: nil,
                    key: "sites",
                    "must be an array of tables: write each site as [[sites]] with id and url"
                )
            }
            var seen: [String: Int] = [:]
            for (index, element) in sites.enumerated() {
                let section = Reader.Section(name: "sites", index: index)
                guard let site = element.tomlValue.table else {
                    throw reader.error(
                        section: section,
                        key: nil,
                        "each [[sites]] entry must be a table with id and url"
                    )
                }
                try reader.checkKeys(
                    site,
                    allowed: ["id", "url", "interval", "enabled", "selectors"],
                    section: section,
                    hint: "[[sites]] takes id, url, interval, enabled and [sites.selectors.*]"
                )
                guard let id = try reader.string(site, "id", section: section) else {
                    throw reader.error(
                        section: section,
                        key: nil,
                        "this [[sites]] entry has no id; add id = \"a-slug\""
                    )
                }
                guard Site.ID.isSlug(id) else {
                    throw reader.error(
                        section: section,
                        key: "id",
                        "'\(id)' is not a usable id; use letters, digits, '.', '_' and '-' (up to 64 characters)"
                    )
                }
                if let first = seen[id] {
                    throw reader.error(
                        section: section,
                        key: "id",
                        "site '\(id)' is already defined (entry \(first + 1)); ids must be unique"
                    )
                }
                seen[id] = index
                guard let url = try reader.string(site, "url", section: section) else {
                    throw reader.error(section: section, key: nil, "site '\(id)' has no url; add url = \"https://…\"")
                }
                if let problem = Site.urlProblem(url) {
                    throw reader.error(
                        section: section,
                        key: "url",
                        "'\(url)' is not a usable http(s) URL (\(problem)); write it like \"https://example.edu/~you/\""
                    )
                }
                configuration.sites.append(
                    SiteEntry(
                        id: id,
                        url: url,
                        interval: try reader.duration(site, "interval", section: section) ?? configuration.interval,
                        enabled: try reader.bool(site, "enabled", section: section) ?? true,
                        selectors: try parseSelectors(site, reader: reader, siteIndex: index)
                    )
                )
            }
        }
        configuration.webhooks = try parseWebhooks(table, reader: reader, file: file)
        for webhook in configuration.webhooks {
            for site in webhook.sites ?? [] where !configuration.sites.contains(where: { $0.id == site }) {
                throw reader.error(
                    section: Reader.Section(name: "webhooks", index: configuration.webhooks.firstIndex(of: webhook)),
                    key: "sites",
                    "'\(site)' is not a configured site; use ids from [[sites]]"
                )
            }
        }
        return configuration
    }
}
