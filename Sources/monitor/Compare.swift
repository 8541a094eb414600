import ArgumentParser
import Foundation
import Logging
import MonitorCore
import MonitorDiff
import MonitorExtract
import MonitorFetch

/// `monitor compare`: the entry-level changes between two versions of a page.
struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show the papers, talks and members added, changed or removed between two pages.",
        discussion: """
            OLD and NEW are HTML files or http(s) URLs. Reordering, whitespace and entity-only \
            edits are no change; an edited title that is still the same paper is reported as \
            modified. Exits 0 whether or not anything changed, 1 when a page cannot be read or is \
            larger than --max-body.
            """
    )

    @Argument(help: "The older version: an HTML file or an http(s) URL.")
    var old: String

    @Argument(help: "The newer version: an HTML file or an http(s) URL.")
    var new: String

    @Option(help: "Output format: text (for people), markdown (for notes and e-mail) or json (for scripts).")
    var format: ChangeFormat = .text

    @Option(
        name: .customLong("base-url"),
        help: "Resolve relative links of both pages against this URL (default: each page's URL)."
    )
    var baseURL: String?

    @Option(
        name: .customLong("max-body"),
        parsing: .unconditional,
        help: ArgumentHelp("The largest page accepted, file or fetched, in bytes.", valueName: "bytes")
    )
    var maxBody: Int = PageFetcher.Settings().maxBodyBytes

    func validate() throws {
        guard maxBody > 0 else { throw ValidationError("--max-body takes a positive number of bytes; got \(maxBody)") }
        if let baseURL, URL(string: baseURL)?.scheme == nil {
            throw ValidationError("--base-url takes an absolute URL such as https://example.edu/; got '\(baseURL)'")
        }
    }

    func run() async throws {
        let logger = Logger(label: "monitor.compare")
        let extractor = Extractor()
        var pages: [PageEntries] = []
        for source in [old, new] {
            let page = try await PageSource.load(source, maxBodyBytes: maxBody, logger: logger)
            do {
                pages.append(
                    try extractor.entries(in: page.body, url: baseURL ?? page.url, contentType: page.contentType)
                )
            } catch let error as ExtractError where error.code == .noEntries {
                // A page that lists nothing is a real state to compare against: every entry went.
                pages.append(PageEntries())
            }
        }
        let changes = ChangeSet(from: pages[0], to: pages[1])
        switch format {
        case .json: print(try changes.jsonString(), terminator: "")
        case .text: print(ChangeRendering.text(changes), terminator: "")
        case .markdown: print(ChangeRendering.markdown(changes), terminator: "")
        }
    }
}
