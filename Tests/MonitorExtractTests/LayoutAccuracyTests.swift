import Foundation
import MonitorCore
import MonitorExtract
import MonitorTestSupport
import Testing

/// Issue 7's quality bar on the repository's own layout fixtures.
///
/// F1 ≥ 0.98 per layout and ≥ 0.95 per field, scored as `scripts/layout-accuracy` and the corpus
/// scorer do (entries matched by normalised title or name as a multiset; fields compared on matched
/// entries). Prints the numbers it asserts.
@Suite struct LayoutAccuracyTests {
    struct Score {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var fields: [String: (right: Int, total: Int)] = [:]

        var f1: Double {
            let found = truePositives + falsePositives
            let expected = truePositives + falseNegatives
            guard found > 0, expected > 0 else { return found == expected ? 1 : 0 }
            let precision = Double(truePositives) / Double(found)
            let recall = Double(truePositives) / Double(expected)
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }

        mutating func field(_ name: String, _ right: Bool) {
            let current = fields[name] ?? (0, 0)
            fields[name] = (current.right + (right ? 1 : 0), current.total + 1)
        }

        /// Matches by key as a multiset and scores the fields of matched pairs.
        mutating func match<Got, Want>(
            _ got: [Got],
            _ want: [Want],
            key: (Got) -> String,
            wantKey: (Want) -> String,
            fields: (Got, Want) -> [(String, Bool)]
        ) {
            var pool: [String: [Want]] = Dictionary(grouping: want, by: { norm(wantKey($0)) })
            for entry in got {
                let name = norm(key(entry))
                if var bucket = pool[name], !bucket.isEmpty {
                    let match = bucket.removeFirst()
                    pool[name] = bucket
                    truePositives += 1
                    for (field, right) in fields(entry, match) { self.field(field, right) }
                } else {
                    falsePositives += 1
                }
            }
            falseNegatives += pool.values.reduce(0) { $0 + $1.count }
        }
    }

    @Test func everyLayoutMeetsTheBar() throws {
        var scores: [String: Score] = [:]
        for page in Fixture.sitePages() {
            let truthFile = Fixture.directory.appendingPathComponent("expected/\(page.description).json")
            let truth = try JSONDecoder().decode(ExtractorTruthTests.Expected.self, from: Data(contentsOf: truthFile))
            let got = try Extractor().entries(in: try page.bytes(), url: "https://\(page.siteID).example.org/")
            var score = scores[page.siteID] ?? Score()
            score.match(got.publications, truth.publications, key: \.title, wantKey: \.title) { entry, want in
                [
                    ("publications.authors", entry.authors.map(norm) == names(want.authors)),
                    ("publications.venue", norm(entry.venue) == norm(want.venue)),
                    ("publications.year", entry.year == want.year),
                    ("publications.url", entry.url == want.url),
                    ("publications.note", norm(entry.note) == norm(want.note)),
                ]
            }
            score.match(got.talks, truth.talks, key: \.title, wantKey: \.title) { entry, want in
                [
                    ("talks.venues", norm(entry.venues) == norm(want.venues)), ("talks.year", entry.year == want.year),
                    ("talks.url", entry.url == want.url),
                ]
            }
            score.match(got.members, truth.members, key: \.name, wantKey: \.name) { entry, want in
                [
                    ("members.description", norm(entry.description) == norm(want.description)),
                    ("members.url", entry.url == want.url),
                ]
            }
            scores[page.siteID] = score
        }
        #expect(scores.count >= 12, "layouts scored: \(scores.keys.sorted())")
        for (layout, score) in scores.sorted(by: { $0.key < $1.key }) {
            let lowest = score.fields.min {
                Double($0.value.right) / Double($0.value.total) < Double($1.value.right) / Double($1.value.total)
            }
            let fieldAccuracy = lowest.map { Double($0.value.right) / Double($0.value.total) } ?? 1
            print(
                "layout \(layout): tp \(score.truePositives) fp \(score.falsePositives) fn \(score.falseNegatives) "
                    + "F1 \(String(format: "%.3f", score.f1)), lowest field \(String(format: "%.3f", fieldAccuracy)) "
                    + "(\(lowest?.key ?? "-"))"
            )
            #expect(score.f1 >= 0.98, "\(layout): F1 \(score.f1)")
            for (field, counts) in score.fields {
                #expect(Double(counts.right) / Double(counts.total) >= 0.95, "\(layout) \(field): \(counts)")
            }
        }
    }
}
