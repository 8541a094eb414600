import ArgumentParser
import Foundation
import Logging
import MonitorCore
import MonitorExtract
import MonitorFetch

/// `monitor extract`: prints the entries of one page.
struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the publications, talks and members a homepage shows.",
        discussion: """
            SOURCE is an HTML file or an http(s) URL. Exits 1 with a one-line error when the page \
            cannot be read, is not HTML, or shows no entries.
            """
    )

    @Argument(help: "An HTML file, or an http(s) URL to fetch.")
    var source: String

    @Option(help: "Output format: text (for people) or json (for scripts).")
    var format: OutputFormat = .text

    @Option(
        name: .customLong("base-url"),
        help: "Resolve relative links against this URL (default: the page's URL; a <base href> wins)."
    )
    var baseURL: String?

    func validate() throws {
        if let baseURL, URL(string: baseURL)?.scheme == nil {
            throw ValidationError("--base-url takes an absolute URL such as https://example.edu/; got '\(baseURL)'")
        }
    }

    func run() async throws {
        let page = try await PageSource.load(source, logger: Logger(label: "monitor.extract"))
        let entries = try Extractor().entries(
            in: page.body,
            url: baseURL ?? page.url,
            contentType: page.contentType
        )
        switch format {
        case .json: print(try entries.jsonString(), terminator: "")
        case .text: print(EntryRendering.text(entries), terminator: "")
        }
    }
}
