import Foundation
import MonitorCore
import MonitorDiff
import MonitorSchedule
@_spi(Benchmarks) import MonitorStore

// History benchmarks for homepage-monitor (issues 3 and 4). Run in release mode:
//
//     swift build -c release --product monitor --product history-bench && .build/release/history-bench
//
// 1. compare: ChangeSet(from:to:) on two 500-entry pages (5 edited, 3 added, 3 removed, reordered).
// 2. diff --since: the net change over a synthetic history of 100,000 snapshots of one site
//    (a new page every 100 checks, 304s between), in-process and as `monitor diff` end to end.
// 3. import: `monitor import` of the colinraffel.com corpus (135 versions) when ../shared is
//    there: wall time, and archive bytes on disk ÷ raw bytes.

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let clock = ContinuousClock()

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e3 + Double(attoseconds) / 1e15
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

// MARK: - 1. compare two 500-entry pages

func syntheticPage(entries count: Int, seed: Int) -> PageEntries {
    var page = PageEntries()
    let words = [
        "Learning", "Sparse", "Transformers", "Efficient", "Models", "Merging", "Robust", "Language",
        "Retrieval", "Data", "Scaling", "Adapters", "Training", "Networks", "Alignment", "Tokens",
    ]
    for index in 0..<count {
        let title =
            (0..<7).map { words[(index * 7 + $0 * 3 + seed) % words.count] }.joined(separator: " ") + " \(index)"
        page.publications.append(
            Publication(
                title: title,
                authors: ["Ada Lindqvist", "Co Author \(index % 13)", "Third Person \(index % 5)"],
                byline: "Ada Lindqvist, Co Author \(index % 13), and Third Person \(index % 5)",
                venue: "Conference on Things \(index % 9)",
                year: "\(2000 + index % 25)",
                url: "https://arxiv.org/abs/\(2000 + index)"
            )
        )
    }
    return page
}

let old = syntheticPage(entries: 500, seed: 0)
var new = old
// A fixed reordering (a seeded Fisher–Yates shuffle), so every run compares the same pages.
var seed: UInt64 = 42
for index in stride(from: new.publications.count - 1, to: 0, by: -1) {
    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    new.publications.swapAt(index, Int(seed >> 33) % (index + 1))
}
for index in 0..<5 { new.publications[index * 40].year = "2099 (to appear)" }
new.publications[7].title = "Retitled: " + new.publications[7].title
new.publications.removeLast(3)
for index in 0..<3 {
    new.publications.append(
        Publication(
            title: "A Brand New Result Number \(index)",
            authors: ["Someone New"],
            venue: "Preprint",
            year: "2025"
        )
    )
}
var compareTimes: [Double] = []
var result = ChangeSet()
for _ in 0..<50 {
    let start = clock.now
    result = ChangeSet(from: old, to: new)
    compareTimes.append(milliseconds(clock.now - start))
}
print(
    "compare 500 → 500 entries: median \(String(format: "%.2f", median(compareTimes))) ms "
        + "(target ≤ 5 ms); found +\(result.publications.added.count) ~\(result.publications.modified.count) "
        + "-\(result.publications.removed.count)"
)

// MARK: - 2. diff --since over 100,000 snapshots

let state = FileManager.default.temporaryDirectory.appendingPathComponent("history-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: state) }
let store = try SnapshotStore(directory: state)
try await store.relaxDurabilityForBulkLoad()
let site = Site(id: "bench", url: "https://bench.example.org/")
try await store.addSite(site)
let snapshotCount = Int(ProcessInfo.processInfo.environment["BENCH_SNAPSHOTS"] ?? "") ?? 100_000
let loadStart = clock.now
var page = syntheticPage(entries: 120, seed: 1)
var hash = ""
let epoch = Date(timeIntervalSince1970: 1_600_000_000)
for index in 0..<snapshotCount {
    let at = epoch + Double(index) * 3_600
    if index % 100 == 0 {
        // A paper appears and, like a "recent publications" list, the oldest one goes.
        page.publications.insert(syntheticPage(entries: 1, seed: index).publications[0], at: 0)
        page.publications[0].title = "Paper of week \(index / 100)"
        page.publications.removeLast()
        let body = Array("<html><body>\(index)\(page.publications.map(\.title))</body></html>".utf8)
        hash = SnapshotStore.hash(of: body)
        try await store.record(
            Observation(siteID: site.id, fetchedAt: at, outcome: .changed, body: body, entries: page)
        )
    } else {
        try await store.record(
            Observation(siteID: site.id, fetchedAt: at, outcome: .notModified, httpStatus: 304, bodyHash: hash)
        )
    }
}
print(
    "built a history of \(snapshotCount) snapshots in \(String(format: "%.1f", milliseconds(clock.now - loadStart) / 1000)) s"
)
let end = epoch + Double(snapshotCount) * 3_600
let since = end - 7 * 86_400 * 4
var sinceTimes: [Double] = []
var net: ChangeHistory.SiteChanges?
for _ in 0..<30 {
    let start = clock.now
    net = try await ChangeHistory.netChanges(of: site, in: store, from: since, to: end, kinds: Set(EntryKind.allCases))
    sinceTimes.append(milliseconds(clock.now - start))
}
print(
    "diff --since (4 weeks) over \(snapshotCount) snapshots, in-process: median "
        + "\(String(format: "%.2f", median(sinceTimes))) ms (target ≤ 50 ms); +\(net?.changes.publications.added.count ?? -1) publications"
)
let monitor = root.appendingPathComponent(".build/release/monitor")
if FileManager.default.isExecutableFile(atPath: monitor.path) {
    let formatter = ISO8601DateFormatter()
    var processTimes: [Double] = []
    for _ in 0..<10 {
        let start = clock.now
        let result = try run(
            monitor,
            [
                "diff", "--state-dir", state.path, "--since", formatter.string(from: since), "--until",
                formatter.string(from: end),
            ]
        )
        processTimes.append(milliseconds(clock.now - start))
        precondition(result.status == 0, "monitor diff failed")
    }
    print(
        "monitor diff --since as a process (start-up included): median \(String(format: "%.1f", median(processTimes))) ms"
    )
} else {
    print("(no .build/release/monitor: build it to time `monitor diff` and the import end to end)")
}

// MARK: - 3. import the corpus

let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/raffel/versions")
if FileManager.default.fileExists(atPath: corpus.path), FileManager.default.isExecutableFile(atPath: monitor.path) {
    let importState = FileManager.default.temporaryDirectory.appendingPathComponent("import-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: importState) }
    let start = clock.now
    let imported = try run(
        monitor,
        [
            "import", "--state-dir", importState.path, "--site", "raffel", "--url", "https://colinraffel.com/", "--dir",
            corpus.path,
        ]
    )
    let seconds = milliseconds(clock.now - start) / 1000
    let verify = try run(monitor, ["archive", "verify", "--state-dir", importState.path])
    let archive = importState.appendingPathComponent("archive")
    let files = (try? FileManager.default.subpathsOfDirectory(atPath: archive.path)) ?? []
    let onDisk = files.reduce(0) { total, file in
        let attributes = try? FileManager.default.attributesOfItem(atPath: archive.appendingPathComponent(file).path)
        guard attributes?[.type] as? FileAttributeType == .typeRegular else { return total }
        return total + (attributes?[.size] as? Int ?? 0)
    }
    print(
        "import of the corpus: \(String(format: "%.2f", seconds)) s; \(imported.output.trimmingCharacters(in: .newlines))"
    )
    print("archive: \(verify.output.trimmingCharacters(in: .newlines)); file bytes \(onDisk) (target ≤ 3 %)")
} else {
    print("(no ../shared/corpus or release monitor: corpus import not measured)")
}
