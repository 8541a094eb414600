import Foundation
import MonitorCore
import MonitorStore

/// An Atom 1.0 feed (RFC 4287) of change events, one entry per changed paper, talk or member.
public struct AtomFeed: Sendable {
    /// The feed's `tag:` id: every site's feed, or one site's.
    public var id: String
    /// The feed's title.
    public var title: String
    /// The events, newest first.
    public var events: [ChangeEvent]
    /// The sites the events belong to, by id (for each entry's site link).
    public var sites: [Site.ID: Site]
    /// The address the feed is served at (its `rel="self"` link), when known.
    public var selfURL: String?
    /// The page the feed is about (its `rel="alternate"` link), when known.
    public var pageURL: String?

    /// Creates the feed of every site or of one.
    ///
    /// - Parameters:
    ///   - site: One site, or nil for every site.
    ///   - events: The events, newest first.
    ///   - sites: The sites, for each entry's fallback link.
    ///   - baseURL: Where the server answers ("http://127.0.0.1:8470"), for the feed's own links;
    ///     nil for a feed written to a file.
    public init(site: Site?, events: [ChangeEvent], sites: [Site], baseURL: String?) {
        if let site {
            id = "tag:homepage-monitor,2025:feed/\(site.id.rawValue)"
            title = "Changes on \(site.id.rawValue) (\(site.url))"
            selfURL = baseURL.map { "\($0)/sites/\(site.id.rawValue)/feed.atom" }
            pageURL = baseURL.map { "\($0)/sites/\(site.id.rawValue)" } ?? site.url
        } else {
            id = "tag:homepage-monitor,2025:feed"
            title = "Changes on the watched homepages"
            selfURL = baseURL.map { "\($0)/feed.atom" }
            pageURL = baseURL.map { "\($0)/" }
        }
        self.events = events
        self.sites = Dictionary(sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// When the newest event was detected; the Unix epoch for a feed with none (so that an empty
    /// feed's validators stay the same until something changes).
    public var updated: Date { events.first?.detectedAt ?? Date(timeIntervalSince1970: 0) }

    /// The feed document.
    ///
    /// - Returns: UTF-8 XML.
    public func xml() -> String {
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>\(Markup.escaped(id))</id>
            <title>\(Markup.escaped(title))</title>
            <updated>\(updated.iso8601)</updated>
            <author><name>homepage-monitor</name></author>
            <generator version="\(MonitorVersion.current)">homepage-monitor</generator>

            """
        if let selfURL {
            out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(Markup.escaped(selfURL))\"/>\n"
        }
        if let pageURL { out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(Markup.escaped(pageURL))\"/>\n" }
        for event in events { out += entry(event) }
        out += "</feed>\n"
        return out
    }

    private func entry(_ event: ChangeEvent) -> String {
        let site = sites[event.site]
        let link = event.url.flatMap { Markup.isWebLink($0) ? $0 : nil } ?? site?.url
        var out = "<entry>\n<id>\(Markup.escaped(event.tag))</id>\n"
        out += "<title type=\"text\">\(Markup.escaped(event.title))</title>\n"
        out += "<updated>\(event.detectedAt.iso8601)</updated>\n"
        if let link { out += "<link rel=\"alternate\" href=\"\(Markup.escaped(link))\"/>\n" }
        out += "<category term=\"\(event.kind.rawValue)\" label=\"\(event.kind.noun)\"/>\n"
        out += "<content type=\"html\">\(Markup.escaped(EventHTML.content(event, site: site)))</content>\n"
        out += "</entry>\n"
        return out
    }
}

/// The HTML body of one change event, as feed content and on the site page.
enum EventHTML {
    /// The event's fields as HTML: a list of shown fields, or of changed fields old → new.
    ///
    /// - Parameters:
    ///   - event: The event.
    ///   - site: Its site, named in a last line when known.
    /// - Returns: An HTML fragment.
    static func content(_ event: ChangeEvent, site: Site?) -> String {
        var out = "<ul>"
        for field in event.fields {
            out += "<li><b>\(Markup.escaped(field.name))</b>: "
            if let old = field.old {
                out +=
                    "<del>\(shown(old, field: field.name))</del> → <ins>\(shown(field.value, field: field.name))</ins>"
            } else {
                out += shown(field.value, field: field.name)
            }
            out += "</li>"
        }
        out += "</ul>"
        if let site {
            out +=
                "<p>On <a href=\"\(Markup.escaped(site.url))\">\(Markup.escaped(site.id.rawValue))</a>, "
                + "found \(event.detectedAt.iso8601).</p>"
        }
        return out
    }

    private static func shown(_ value: String, field: String) -> String {
        if value.isEmpty { return "<i>(none)</i>" }
        if field == "url", Markup.isWebLink(value) {
            return "<a href=\"\(Markup.escaped(value))\">\(Markup.escaped(value))</a>"
        }
        return Markup.escaped(value)
    }
}

extension AtomFeed {
    /// The default number of entries in a feed.
    public static let defaultLimit = 50

    /// Reads the newest change events of every site or of one from the store.
    ///
    /// - Parameters:
    ///   - store: The store.
    ///   - site: One site, or nil for every site.
    ///   - limit: At most this many entries.
    ///   - baseURL: Where the server answers, for the feed's own links; nil for a file.
    /// - Returns: The feed.
    /// - Throws: ``StoreError`` when the store cannot be read.
    public static func load(from store: SnapshotStore, site: Site?, limit: Int, baseURL: String?) async throws
        -> AtomFeed
    {
        let changeSets = try await store.recentChangeSets(of: site?.id, entries: limit)
        let events = Array(ChangeEvent.events(of: changeSets).prefix(limit))
        return AtomFeed(site: site, events: events, sites: try await store.sites(), baseURL: baseURL)
    }
}
