import Foundation
import MonitorCore
import MonitorExtract
import TOMLKit

// `[[webhooks]]`: endpoints, their secrets, events, sites and formats.
extension Configuration {
    static func parseWebhooks(_ table: TOMLTable, reader: Reader, file: String) throws -> [WebhookEndpoint] {
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
}
