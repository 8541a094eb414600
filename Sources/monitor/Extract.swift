import ArgumentParser
import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorExtract
import MonitorFetch

/// `monitor extract`: prints the entries of one page.
struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the publications, talks and members a homepage shows.",
        discussion: """
            SOURCE is an HTML file or an http(s) URL; with --site and no SOURCE, the site's URL from \
            the configuration is fetched. --site also applies the site's [sites.selectors] overrides. \
            --explain shows how the entries were found: each section with why it has its kind, how \
            its lines were split into entries, and the first lines of groups that gave none. Exits 1 \
            with a one-line error when the page cannot be read, is larger than --max-body, is not \
            HTML, or shows no entries.
            """
    )

    @Argument(help: "An HTML file, or an http(s) URL to fetch (default with --site: the site's URL).")
    var source: String?

    @Option(help: "Output format: text (for people) or json (for scripts).")
    var format: OutputFormat = .text

    @Option(
        name: .customLong("base-url"),
        help: "Resolve relative links against this URL (default: the page's URL; a <base href> wins)."
    )
    var baseURL: String?

    @Option(help: ArgumentHelp("Use this configured site's URL and selector overrides.", valueName: "id"))
    var site: String?

    @OptionGroup var configOptions: ConfigOptions

    @Flag(help: "Show the sections, their kinds, how entries were grouped, and what was skipped.")
    var explain = false

    @Option(
        name: .customLong("max-body"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "The largest page accepted, file or fetched, in bytes.",
            discussion: "Default: the configuration's max_body_bytes with --site, else 10485760.",
            valueName: "bytes"
        )
    )
    var maxBody: Int?

    func validate() throws {
        if let baseURL, URL(string: baseURL)?.scheme == nil {
            throw ValidationError("--base-url takes an absolute URL such as https://example.edu/; got '\(baseURL)'")
        }
        if let maxBody, maxBody <= 0 {
            throw ValidationError("--max-body takes a positive number of bytes; got \(maxBody)")
        }
        if source == nil && site == nil {
            throw ValidationError("give an HTML file or an http(s) URL, or --site with a configured site's id")
        }
    }

    func run() async throws {
        var selectors = SiteSelectors()
        var siteURL: String?
        var limit = maxBody ?? PageFetcher.Settings().maxBodyBytes
        if let site {
            let configuration = try configOptions.load()
            limit = maxBody ?? configuration.maxBodyBytes
            guard let entry = configuration.sites.first(where: { $0.id == site }) else {
                let known = configuration.sites.map(\.id).joined(separator: ", ")
                throw CommandError(
                    "no site '\(site)' in \(configuration.source); configured sites: \(known.isEmpty ? "none" : known)"
                )
            }
            selectors = entry.selectors
            siteURL = entry.url
        }
        let page = try await PageSource.load(
            source ?? siteURL ?? "",
            maxBodyBytes: limit,
            logger: Logger(label: "monitor.extract")
        )
        // A saved copy of a configured site's page resolves links as the live page would.
        let url = baseURL ?? (source.map { PageSource.isURL($0) } == true ? page.url : siteURL ?? page.url)
        do {
            if explain {
                let report = try Extractor().explain(
                    in: page.body,
                    url: url,
                    contentType: page.contentType,
                    selectors: selectors
                )
                switch format {
                case .json: print(try EntryRendering.explanationJSON(report), terminator: "")
                case .text: print(EntryRendering.explanation(report, page: source ?? url), terminator: "")
                }
                return
            }
            let entries = try Extractor().entries(
                in: page.body,
                url: url,
                contentType: page.contentType,
                selectors: selectors
            )
            switch format {
            case .json: print(try entries.jsonString(), terminator: "")
            case .text: print(EntryRendering.text(entries), terminator: "")
            }
        } catch var error as ExtractError {
            // A saved page read for a configured site: name the file, not the site's URL.
            if let source, !PageSource.isURL(source) { error.url = source }
            throw error
        }
    }

}
