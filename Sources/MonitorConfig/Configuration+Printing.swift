import Foundation
import MonitorCore

// The resolved configuration printed back as TOML (`monitor config check`).
extension Configuration {
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
