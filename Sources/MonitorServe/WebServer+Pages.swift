import Foundation
import HTTPTypes
import Hummingbird
import MonitorCore
import MonitorSchedule
import MonitorStore
import NIOCore

/// The HTML pages: plain server-rendered HTML, no JavaScript, nothing loaded from the network.
extension WebServer {
    /// Our own pages may use their inline style and nothing else; the archived pages get `sandbox`.
    static let pagePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'"

    func addPageRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in
            Self.page(
                try await cached(request) {
                    AnswerCache.Answer(body: PageRendering.sites(try await store.siteSummaries()))
                }.bytes
            )
        }
        router.get("/sites/:id") { request, context in
            let site = try await knownSite(context.parameters.get("id"))
            return Self.page(
                try await cached(request) {
                    let summary = try await store.summary(of: site)
                    let snapshots = try await store.snapshots(of: site.id)
                    let changeSets = try await store.recentChangeSets(of: site.id, entries: 200)
                    return AnswerCache.Answer(
                        body: PageRendering.site(
                            summary,
                            snapshots: snapshots,
                            events: ChangeEvent.events(of: changeSets)
                        )
                    )
                }.bytes
            )
        }
        router.get("/changes") { request, _ in
            let window = try changeWindow(request)
            let report = try await ChangeReport.load(
                from: store,
                sites: try await store.sites(),
                since: window.since,
                until: window.until
            )
            let since = request.uri.queryParameters.get("since") ?? "last-week"
            return Self.page(PageRendering.changes(report, since: since))
        }
        router.get("/sites/:id/pages/:hash") { _, context in
            let site = try await knownSite(context.parameters.get("id"))
            let hash = context.parameters.get("hash") ?? ""
            guard let body = try await store.archivedBody(hash, of: site.id) else {
                throw Problem.notFound(
                    "no archived page '\(hash.prefix(80))' of \(site.id); /api/v1/sites/\(site.id)/snapshots lists "
                        + "each snapshot's contentHash"
                )
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/html"
            // The page is someone else's HTML: sandboxed, it runs no script and reaches no origin of ours.
            headers[.contentSecurityPolicy] = "sandbox"
            if let nosniff = HTTPField.Name("X-Content-Type-Options") { headers[nosniff] = "nosniff" }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
    }

    static func page(_ html: String) -> Response {
        page(ByteBuffer(string: html))
    }

    static func page(_ html: ByteBuffer) -> Response {
        var response = response(bytes: html, type: "text/html; charset=utf-8")
        response.headers[.contentSecurityPolicy] = pagePolicy
        if let nosniff = HTTPField.Name("X-Content-Type-Options") { response.headers[nosniff] = "nosniff" }
        return response
    }
}

/// The HTML of the pages, as strings: every value from the store is escaped.
enum PageRendering {
    static let style = """
        body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #ddd}
        th{background:#f4f4f4}.failed,.suspect,.unreadable{color:#b00020;font-weight:600}.ok{color:#1b5e20}
        del{background:#fde2e2;text-decoration:line-through}ins{background:#dcf5dc;text-decoration:none}
        .event{border-left:3px solid #999;margin:.8em 0;padding:.2em .8em}.event h3{margin:.2em 0;font-size:1em}
        .added{border-color:#2e7d32}.removed{border-color:#c62828}.modified{border-color:#ef6c00}
        nav a{margin-right:1em}svg text{font-size:11px;fill:#444}
        """

    static func document(title: String, body: String, navigation: Bool = true) -> String {
        let nav =
            navigation
            ? "<nav><a href=\"/\">Sites</a><a href=\"/changes?since=last-week\">Changes this week</a>"
                + "<a href=\"/feed.atom\">Feed</a><a href=\"/feeds.opml\">OPML</a><a href=\"/metrics\">Metrics</a>"
                + "<a href=\"/api/v1/openapi.json\">API</a></nav>\n"
            : ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escaped(title))</title>
            <link rel="alternate" type="application/atom+xml" title="Every site" href="/feed.atom">
            <style>\(style)</style>
            </head>
            <body>
            \(nav)\(body)
            </body>
            </html>

            """
    }

    // MARK: - /

    static func sites(_ summaries: [SnapshotStore.SiteSummary]) -> String {
        var rows = ""
        for summary in summaries {
            let id = Markup.escaped(summary.site.id.rawValue)
            let outcome = summary.lastCheck?.outcome
            let good = summary.lastGood
            rows +=
                "<tr id=\"site-\(id)\"><td><a href=\"/sites/\(id)\">\(id)</a><br><small>"
                + "\(link(summary.site.url))</small></td>"
            rows += "<td>\(summary.lastCheck.map { time($0.fetchedAt) } ?? "never")</td>"
            rows +=
                "<td class=\"\(outcome.map { $0.isGood ? "ok" : $0.rawValue } ?? "")\">"
                + "\(outcome?.rawValue ?? "–")</td>"
            // A site never read has no counts, which is not the same as none.
            let counts = [good?.publications, good?.talks, good?.members].map { $0.map(String.init) ?? "–" }
            rows += counts.map { "<td class=\"count\">\($0)</td>" }.joined()
            rows += "<td>\(summary.lastChange.map(time) ?? "none yet")</td>"
            rows +=
                "<td class=\"\(summary.consecutiveFailures > 0 ? "failed" : "")\">\(summary.consecutiveFailures)</td>"
            rows += "<td><a href=\"/sites/\(id)/feed.atom\">feed</a></td></tr>\n"
        }
        let table =
            summaries.isEmpty
            ? "<p>No sites in the store yet: add one with <code>monitor check --site ID --url URL</code>.</p>"
            : """
            <table id="sites">
            <thead><tr><th>Site</th><th>Last check</th><th>Outcome</th><th>Papers</th><th>Talks</th><th>Members</th>\
            <th>Last change</th><th>Failures in a row</th><th></th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            """
        return document(
            title: "homepage-monitor",
            body: "<h1>Watched homepages</h1>\n<p>\(summaries.count) site\(summaries.count == 1 ? "" : "s"); "
                + "<a href=\"/changes?since=last-week\">what changed this week</a>.</p>\n\(table)"
        )
    }

    // MARK: - /sites/ID

    static func site(_ summary: SnapshotStore.SiteSummary, snapshots: [Snapshot], events: [ChangeEvent]) -> String {
        let id = Markup.escaped(summary.site.id.rawValue)
        var body = "<h1>\(id)</h1>\n<p>\(link(summary.site.url)) · <a href=\"/sites/\(id)/feed.atom\">feed</a>"
        if let good = summary.lastGood, let hash = good.contentHash {
            body += " · <a href=\"/sites/\(id)/pages/\(hash)\">page as stored \(time(good.fetchedAt))</a>"
        }
        body += "</p>\n"
        if let last = summary.lastCheck {
            body +=
                "<p>Last check \(time(last.fetchedAt)): <span class=\"\(last.outcome.isGood ? "ok" : last.outcome.rawValue)\">"
                + "\(last.outcome.rawValue)</span>"
            if let message = last.message { body += " – \(Markup.escaped(message))" }
            if summary.consecutiveFailures > 0 { body += " (\(summary.consecutiveFailures) failures in a row)" }
            body += "</p>\n"
        }
        body += "<h2>Entries over time</h2>\n" + EntryChart(snapshots: snapshots).svg() + "\n"
        body += "<h2>Changes</h2>\n"
        if events.isEmpty { body += "<p>No changes recorded yet.</p>\n" }
        body += "<div id=\"events\">\n"
        for event in events { body += eventHTML(event) }
        body += "</div>\n"
        return document(title: "\(summary.site.id.rawValue) – homepage-monitor", body: body)
    }

    static func eventHTML(_ event: ChangeEvent) -> String {
        var out = "<div class=\"event \(event.action.rawValue)\" data-kind=\"\(event.kind.rawValue)\">"
        out += "<h3>\(Markup.escaped(event.title))</h3>"
        out += "<small>found \(time(event.detectedAt))</small>"
        out += EventHTML.content(event, site: nil)
        out += "</div>\n"
        return out
    }

    // MARK: - /changes

    static func changes(_ report: ChangeReport, since: String) -> String {
        var body = "<h1>Changes since \(Markup.escaped(since))</h1>\n"
        body +=
            "<form method=\"get\" action=\"/changes\"><label>Since <input name=\"since\" value=\""
            + "\(Markup.escaped(since))\"></label> <button>Show</button></form>\n"
        body += changeSections(report)
        return document(title: "Changes – homepage-monitor", body: body)
    }

    /// Each site's changes over the report's window, as sections of change events.
    ///
    /// - Parameters:
    ///   - report: The changes.
    ///   - linkingHere: Link each site to its page on this server; else to its homepage (an e-mail).
    /// - Returns: HTML.
    static func changeSections(_ report: ChangeReport, linkingHere: Bool = true) -> String {
        let sites = report.sites
        let end = report.until
        var body = "<p>\(time(report.since)) → \(time(end))</p>\n"
        let shown = sites.filter { !$0.changes.isEmpty || !$0.held.isEmpty }
        if shown.isEmpty { body += "<p>No changes on \(sites.count) site\(sites.count == 1 ? "" : "s").</p>\n" }
        for site in shown {
            let id = Markup.escaped(site.site.id.rawValue)
            let href = linkingHere ? "/sites/\(id)" : Markup.escaped(site.site.url)
            body += "<section id=\"changes-\(id)\"><h2><a href=\"\(href)\">\(id)</a></h2>\n"
            if let note = site.note { body += "<p><i>\(Markup.escaped(note))</i></p>\n" }
            let at = site.to?.at ?? end
            for event in ChangeEvent.events(site: site.site.id, detectedAt: at, changes: site.changes) {
                body += eventHTML(event)
            }
            for held in site.held {
                body += "<h3>Held as suspect, not confirmed yet (found \(time(held.detectedAt)))</h3>\n"
                for event in ChangeEvent.events(site: site.site.id, detectedAt: held.detectedAt, changes: held.changes)
                {
                    body += eventHTML(event)
                }
            }
            body += "</section>\n"
        }
        return body
    }

    // MARK: - Pieces

    static func time(_ date: Date) -> String {
        "<time datetime=\"\(date.iso8601)\">\(date.iso8601.replacingOccurrences(of: "T", with: " "))</time>"
    }

    static func link(_ url: String) -> String {
        Markup.isWebLink(url)
            ? "<a href=\"\(Markup.escaped(url))\">\(Markup.escaped(url))</a>" : Markup.escaped(url)
    }
}
