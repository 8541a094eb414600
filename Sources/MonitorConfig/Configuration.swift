import Foundation
import MonitorCore
import MonitorExtract
import TOMLKit

/// The monitor's configuration: sites to watch, defaults, limits and the contact for the User-Agent.
///
/// Read from TOML (see `monitor.example.toml`); unknown keys are errors. With no file at all,
/// ``embeddedDefault`` watches https://colinraffel.com/ every 6 hours.
public struct Configuration: Sendable, Equatable {
    /// One watched page.
    public struct SiteEntry: Sendable, Equatable {
        /// The site's slug.
        public var id: String
        /// The page's http(s) URL.
        public var url: String
        /// How often it is checked.
        public var interval: Duration
        /// False to keep the site (and its history) without checking it.
        public var enabled: Bool
        /// XPath overrides for kinds that detection gets wrong on this page.
        public var selectors = SiteSelectors()

        /// Creates a site entry.
        public init(
            id: String,
            url: String,
            interval: Duration,
            enabled: Bool,
            selectors: SiteSelectors = SiteSelectors()
        ) {
            self.id = id
            self.url = url
            self.interval = interval
            self.enabled = enabled
            self.selectors = selectors
        }

        /// The site as the checker knows it, overrides included.
        public var site: Site { Site(id: Site.ID(rawValue: id), url: url, selectors: selectors) }
    }

    /// Where this configuration came from: a file path, or "embedded default".
    public var source: String
    /// A URL or e-mail for site owners, sent in the User-Agent.
    public var contact: String?
    /// The state directory, when the file sets one (`--state-dir` and the environment win).
    public var stateDirectory: String?
    /// The check interval of sites that set none.
    public var interval: Duration = .seconds(6 * 3_600)
    /// Each wait is stretched or shrunk by up to this fraction, so sites do not move in lockstep.
    public var jitter: Double = 0.1
    /// Time allowed for one fetch, body included.
    public var timeout: Duration = .seconds(60)
    /// The largest page accepted, in bytes after decompression.
    public var maxBodyBytes: Int = 10 << 20
    /// Consecutive failures before a site is reported as failing.
    public var failuresBeforeReport: Int = 3
    /// The fraction of a kind's entries whose loss holds a change as suspect.
    public var suspectLoss: Double = 0.5
    /// Sites checked at the same time (one request per host regardless).
    public var concurrency: Int = 4
    /// The watched sites.
    public var sites: [SiteEntry] = []
    /// Where change notifications go.
    public var webhooks: [WebhookEndpoint] = []
    /// `[serve]`: `monitor serve`'s address and token (`Configuration+Web.swift`).
    public var serve = ServeSettings()
    /// `[digest]`: the e-mail digest `monitor run` sends, if configured.
    public var digest: DigestSettings?

    /// Creates an empty configuration.
    public init(source: String) {
        self.source = source
    }

    /// What `monitor run` watches when no configuration file exists.
    public static var embeddedDefault: Configuration {
        var configuration = Configuration(source: embeddedSource)
        configuration.sites = [
            SiteEntry(id: "colinraffel", url: "https://colinraffel.com/", interval: .seconds(6 * 3_600), enabled: true)
        ]
        return configuration
    }

    /// The ``source`` of the embedded default.
    public static let embeddedSource = "embedded default"

    /// True when no configuration file was found and the embedded default is in force.
    public var isEmbeddedDefault: Bool { source == Self.embeddedSource }

    /// The sites that are checked.
    public var enabledSites: [SiteEntry] { sites.filter(\.enabled) }

    // MARK: - Finding the file

    /// The configuration file to read: `--config`, else `$MONITOR_CONFIG`, else
    /// `$CONFIGURATION_DIRECTORY/monitor.toml` (systemd), else `$XDG_CONFIG_HOME/monitor/monitor.toml`,
    /// else `~/.config/monitor/monitor.toml`.
    ///
    /// - Returns: The path, and whether it was named explicitly (then it must exist).
    public static func path(option: String?, environment: [String: String]) -> (path: String, isExplicit: Bool) {
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        if let explicit = nonEmpty(option) ?? nonEmpty(environment["MONITOR_CONFIG"]) { return (explicit, true) }
        if let systemd = nonEmpty(environment["CONFIGURATION_DIRECTORY"])?.split(separator: ":").first {
            return ("\(systemd)/monitor.toml", false)
        }
        if let xdg = nonEmpty(environment["XDG_CONFIG_HOME"]) { return ("\(xdg)/monitor/monitor.toml", false) }
        let home = nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        return ("\(home)/.config/monitor/monitor.toml", false)
    }

    /// Loads the configuration: the file if it exists (or was named), else the embedded default.
    ///
    /// - Throws: ``ConfigError`` for a named file that is missing, unreadable or invalid.
    public static func load(option: String?, environment: [String: String]) throws -> Configuration {
        try loadWithText(option: option, environment: environment).configuration
    }

    /// Loads the configuration and returns the file's text with it (nil for the embedded default),
    /// so that a daemon can keep the last valid text.
    ///
    /// - Throws: ``ConfigError`` for a named file that is missing, unreadable or invalid.
    public static func loadWithText(option: String?, environment: [String: String]) throws -> (
        configuration: Configuration, text: String?
    ) {
        let (path, isExplicit) = Self.path(option: option, environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            if isExplicit {
                throw ConfigError(
                    file: path,
                    message: "no such file; create it (see monitor.example.toml) or fix the path"
                )
            }
            return (.embeddedDefault, nil)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "is not UTF-8 text; save it as UTF-8")
        }
        return (try parse(text, file: path), text)
    }

    // MARK: - Parsing

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

    /// `[sites.selectors.publications]` and its kin: XPath rules checked by libxml2 now, not at the
    /// first check.
    private static func parseSelectors(_ site: TOMLTable, reader: Reader, siteIndex: Int) throws -> SiteSelectors {
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

    private static func parseWebhooks(_ table: TOMLTable, reader: Reader, file: String) throws -> [WebhookEndpoint] {
        guard let value = table["webhooks"] else { return [] }
        guard let list = value.tomlValue.array else {
            throw reader.error(section: nil, key: "webhooks", "must be an array of tables: write each as [[webhooks]]")
        }
        var endpoints: [WebhookEndpoint] = []
        for (index, element) in list.enumerated() {
            let section = Reader.Section(name: "webhooks", index: index)
            guard let hook = element.tomlValue.table else {
                throw reader.error(
                    section: section,
                    key: nil,
                    "each [[webhooks]] entry must be a table with name, url and secret"
                )
            }
            try reader.checkKeys(
                hook,
                allowed: ["name", "url", "secret", "secret_file", "events", "sites", "format"],
                section: section,
                hint: "[[webhooks]] takes name, url, secret or secret_file, events, sites and format"
            )
            guard let name = try reader.string(hook, "name", section: section), Site.ID.isSlug(name) else {
                throw reader.error(
                    section: section,
                    key: nil,
                    "this [[webhooks]] entry needs name = \"a-slug\" (letters, digits, '.', '_', '-')"
                )
            }
            if endpoints.contains(where: { $0.name == name }) {
                throw reader.error(
                    section: section,
                    key: "name",
                    "webhook '\(name)' is already defined; names must be unique"
                )
            }
            guard let url = try reader.string(hook, "url", section: section) else {
                throw reader.error(section: section, key: "url", "webhook '\(name)' needs an http(s) url")
            }
            if let problem = Site.urlProblem(url) {
                throw reader.error(
                    section: section,
                    key: "url",
                    "webhook '\(name)': '\(url)' is not a usable http(s) URL (\(problem))"
                )
            }
            var secrets = try reader.strings(hook, "secret", section: section) ?? []
            if let path = try reader.string(hook, "secret_file", section: section) {
                guard let data = FileManager.default.contents(atPath: path),
                    let text = String(data: data, encoding: .utf8)
                else {
                    throw reader.error(
                        section: section,
                        key: "secret_file",
                        "cannot read \(path); check the path and its permissions"
                    )
                }
                secrets += text.split(whereSeparator: \.isWhitespace).map(String.init)
            }
            guard !secrets.isEmpty else {
                throw reader.error(
                    section: section,
                    key: nil,
                    "webhook '\(name)' has no secret; add secret = \"whsec_…\" or secret_file = \"/path\""
                )
            }
            for secret in secrets where !WebhookEndpoint.isValidSecret(secret) {
                throw reader.error(
                    section: section,
                    key: "secret",
                    "a secret must be whsec_ followed by base64 of at least 16 random bytes, e.g. from "
                        + "'echo whsec_$(head -c 32 /dev/urandom | base64)'"
                )
            }
            var events = WebhookEndpoint.defaultEvents
            if let names = try reader.strings(hook, "events", section: section) {
                for event in names where !WebhookEndpoint.allEvents.contains(event) {
                    throw reader.error(
                        section: section,
                        key: "events",
                        "'\(event)' is not an event; use publication.added, talk.modified, member.removed and so on"
                    )
                }
                events = Set(names)
            }
            let sites = try reader.strings(hook, "sites", section: section).map(Set.init)
            var format = WebhookEndpoint.Format.json
            if let text = try reader.string(hook, "format", section: section) {
                guard let chosen = WebhookEndpoint.Format(rawValue: text) else {
                    throw reader.error(
                        section: section,
                        key: "format",
                        "'\(text)' is not a format; use json, slack or discord"
                    )
                }
                format = chosen
            }
            endpoints.append(
                WebhookEndpoint(name: name, url: url, secrets: secrets, events: events, sites: sites, format: format)
            )
        }
        return endpoints
    }

    // MARK: - Printing

    /// The resolved configuration as TOML, every default spelled out (`monitor config check`);
    /// secrets are masked unless `showingSecrets`.
    public func rendered(showingSecrets: Bool = false) -> String {
        var out = "# \(source)\n"
        if let contact { out += "contact = \(Self.quoted(contact))\n" }
        if let stateDirectory { out += "state_dir = \(Self.quoted(stateDirectory))\n" }
        out += "\n[defaults]\ninterval = \"\(DurationText.format(interval))\"\njitter = \(jitter)\n"
        out += "timeout = \"\(DurationText.format(timeout))\"\nfailures_before_report = \(failuresBeforeReport)\n"
        out +=
            "suspect_loss = \(suspectLoss)\n\n[limits]\nconcurrency = \(concurrency)\nmax_body_bytes = \(maxBodyBytes)\n"
        for site in sites {
            out += "\n[[sites]]\nid = \(Self.quoted(site.id))\nurl = \(Self.quoted(site.url))\n"
            out += "interval = \"\(DurationText.format(site.interval))\"\nenabled = \(site.enabled)\n"
            for kind in EntryKind.allCases {
                guard let rules = site.selectors[kind] else { continue }
                out += "[sites.selectors.\(kind.plural)]\n"
                if let section = rules.section { out += "section = \(Self.quoted(section))\n" }
                out += "entry = \(Self.quoted(rules.entry))\n"
                for field in SelectorRules.fieldNames(of: kind) {
                    if let expression = rules.fields[field] { out += "\(field) = \(Self.quoted(expression))\n" }
                }
            }
        }
        for webhook in webhooks {
            out += "\n[[webhooks]]\nname = \(Self.quoted(webhook.name))\nurl = \(Self.quoted(webhook.url))\n"
            // Secrets are never printed: only how many there are.
            let secrets = webhook.secrets.map { showingSecrets ? Self.quoted($0) : "\"whsec_(masked)\"" }
            out += "secret = [\(secrets.joined(separator: ", "))]\n"
            out += "events = [\(webhook.events.sorted().map(Self.quoted).joined(separator: ", "))]\n"
            if let sites = webhook.sites {
                out += "sites = [\(sites.sorted().map(Self.quoted).joined(separator: ", "))]\n"
            }
            out += "format = \"\(webhook.format.rawValue)\"\n"
        }
        return out + renderedWebSections()
    }

    static func quoted(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\r", with: "\\r")
        return "\"" + escaped + "\""
    }
}
