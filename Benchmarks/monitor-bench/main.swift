import Foundation
import MonitorCore
@_spi(Benchmarks) import MonitorExtract

// Benchmarks for homepage-monitor. Run in release mode:
//
//     swift run -c release monitor-bench [PAGE …] [--rounds N] [--iterations N]
//
// For each page it measures, in one run and interleaved so machine noise hits both alike, the time of a
// raw libxml2 tree parse (htmlReadMemory + xmlFreeDoc) and of a full `Extractor().entries(in:)` (charset
// check + streamed parse + fields), and prints both with their ratio. Default pages: the real 38 KB
// colinraffel.com page of 2018-09-26 from ../shared/corpus (when it is there), and
// fixtures/bench/homepage-40k.html, a fictional page three times as dense in entries (a stress case).

struct Options {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var pages: [URL] = []
    var rounds = 10
    var iterations = 200

    init(arguments: [String]) {
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--rounds": rounds = rest.popFirst().flatMap(Int.init) ?? rounds
            case "--iterations": iterations = rest.popFirst().flatMap(Int.init) ?? iterations
            default: pages.append(URL(fileURLWithPath: argument))
            }
        }
        if pages.isEmpty {
            let real = Options.root.deletingLastPathComponent()
                .appendingPathComponent("shared/corpus/raffel/versions/040-2018-09-26-8200ee7.html")
            if FileManager.default.fileExists(atPath: real.path) { pages.append(real) }
            pages.append(Options.root.appendingPathComponent("fixtures/bench/homepage-40k.html"))
        }
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func microseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
}

let options = Options(arguments: CommandLine.arguments)
let extractor = Extractor()
let clock = ContinuousClock()
print("samples: \(options.rounds * options.iterations) interleaved pairs per page, medians")

for page in options.pages {
    guard let data = FileManager.default.contents(atPath: page.path) else {
        FileHandle.standardError.write(Data("monitor-bench: cannot read \(page.path)\n".utf8))
        exit(1)
    }
    let html = Array(data)
    let entries = try extractor.entries(in: html, url: "https://bench.example.org/")
    for _ in 0..<options.iterations {
        try Extractor.parseOnly(html)
        _ = try extractor.entries(in: html, url: "https://bench.example.org/")
    }
    // Each sample times one parse and one extraction back to back, so both see the same machine load.
    var parseTimes: [Double] = []
    var extractTimes: [Double] = []
    var outlineTimes: [Double] = []
    for _ in 0..<options.rounds * options.iterations {
        let parseStart = clock.now
        try Extractor.parseOnly(html)
        let extractStart = clock.now
        _ = try extractor.entries(in: html, url: "https://bench.example.org/")
        let end = clock.now
        _ = try extractor.outlineOnly(html)
        outlineTimes.append(microseconds(clock.now - end))
        parseTimes.append(microseconds(extractStart - parseStart))
        extractTimes.append(microseconds(end - extractStart))
    }
    let parse = median(parseTimes)
    let extract = median(extractTimes)
    let outline = median(outlineTimes)
    print("")
    print(
        "page: \(page.lastPathComponent), \(html.count) bytes, \(entries.publications.count) publications, "
            + "\(entries.talks.count) talks, \(entries.members.count) members"
    )
    print(String(format: "  raw libxml2 parse:      %8.1f µs  (%.1f MB/s)", parse, Double(html.count) / parse))
    print(String(format: "  parse + extract:        %8.1f µs  (%.1f MB/s)", extract, Double(html.count) / extract))
    print(String(format: "    of which the outline: %8.1f µs  (streamed parse + line walk)", outline))
    // Issue 12: ≤ 1.3× on a real page, ≤ 1.6× on the entry-dense stress page (three times the entries).
    let target = entries.total > 100 ? 1.6 : 1.3
    print(String(format: "  ratio extract / parse:  %8.2f  (target <= %.2f)", extract / parse, target))
}

extension PageEntries {
    /// Entries of all kinds.
    fileprivate var total: Int { publications.count + talks.count + members.count }
}
