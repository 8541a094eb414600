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
}
