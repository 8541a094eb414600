import Foundation
import MonitorCore
import MonitorDiff
@_spi(Benchmarks) import MonitorStore

// Builds the store `Benchmarks/serve/run.sh` serves (issue 13): SITES sites (default 100), each checked
// CHECKS_PER_DAY times a day (default 4) for DAYS days (default 365), answering 304 between changes; every
// 7 days a site's page changes (a paper appears, the oldest goes, one paper's venue is edited; every
// 4th week a member arrives), so each site has 52 change sets of 3-4 entries and a failure every 30 days.
//
//     .build/release/serve-bench STATE_DIR

let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: serve-bench STATE_DIR\n".utf8))
    exit(64)
}
let environment = ProcessInfo.processInfo.environment
let siteCount = Int(environment["SITES"] ?? "") ?? 100
let days = Int(environment["DAYS"] ?? "") ?? 365
let checksPerDay = Int(environment["CHECKS_PER_DAY"] ?? "") ?? 4
let store = try SnapshotStore(directory: URL(fileURLWithPath: arguments[1]))
try await store.relaxDurabilityForBulkLoad()
let epoch = Date(timeIntervalSince1970: 1_733_011_200)  // 2024-12-01
let started = Date()

func page(site: Int, week: Int) -> PageEntries {
    var entries = PageEntries()
    for index in week..<(week + 40) {
        entries.publications.append(
            Publication(
                title: "Paper \(index) of site \(site): Sparse Models for Efficient Retrieval",
                authors: ["Ada Lindqvist", "Co Author \(index % 13)"],
                byline: "Ada Lindqvist and Co Author \(index % 13)",
                venue: index == week + 5 ? "NeurIPS \(2024 + week / 52)" : "arXiv preprint",
                year: "\(2024 + index / 52)",
                url: "https://arxiv.org/abs/\(2400 + site).\(index)"
            )
        )
    }
    for index in 0..<10 {
        entries.talks.append(Talk(title: "Talk \(index) of site \(site)", venues: "MIT", year: "2024"))
    }
    for index in 0..<(6 + week / 4) { entries.members.append(Member(name: "Member \(index) of site \(site)")) }
    return entries
}

for site in 0..<siteCount {
    let id = Site.ID(rawValue: "site-\(site)")
    try await store.addSite(Site(id: id, url: "https://site-\(site).example.edu/"), at: epoch)
    var previous: (snapshot: Snapshot, entries: PageEntries)?
    for check in 0..<(days * checksPerDay) {
        // Sites are checked at slightly different times, as the scheduler's jitter spreads them.
        let at = epoch + Double(check) * 86_400 / Double(checksPerDay) + Double(site) * 37
        let day = check / checksPerDay
        if check % (30 * checksPerDay) == 2 {
            try await store.record(
                Observation(siteID: id, fetchedAt: at, outcome: .failed, httpStatus: 503, message: "answered HTTP 503")
            )
            continue
        }
        if let last = previous, !(check % checksPerDay == 0 && day % 7 == 0) {
            try await store.record(
                Observation(
                    siteID: id,
                    fetchedAt: at,
                    outcome: .notModified,
                    httpStatus: 304,
                    bodyHash: last.snapshot.contentHash
                )
            )
            continue
        }
        let entries = page(site: site, week: day / 7)
        let body = Array(
            "<html><body><h1>site \(site) week \(day / 7)</h1>\(entries.publications.map(\.title))</body></html>".utf8
        )
        let changes = previous.map {
            PendingChangeSet(previousSnapshotID: $0.snapshot.id, changes: ChangeSet(from: $0.entries, to: entries))
        }
        let snapshot = try await store.record(
            Observation(
                siteID: id,
                fetchedAt: at,
                outcome: .changed,
                httpStatus: 200,
                body: body,
                entries: entries,
                changeSet: changes
            )
        )
        previous = (snapshot, entries)
    }
}
let snapshots = try await store.snapshots().count
let changeSets = try await store.changeSets().count
print(
    "built \(siteCount) sites, \(snapshots) snapshots, \(changeSets) change sets in "
        + "\(String(format: "%.1f", Date().timeIntervalSince(started))) s"
)
