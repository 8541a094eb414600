import Foundation
import MonitorTestSupport
import Testing

/// Scores `monitor extract` and `monitor compare` on the real colinraffel.com history with the shared scorer.
@Suite struct CorpusAccuracyTests {
    static let corpusMessage: Comment =
        "../shared/corpus/raffel is not beside this checkout: corpus accuracy NOT measured (CI has it)"

    @Test(.enabled(if: Fixture.raffelCorpus != nil, corpusMessage))
    func raffelCorpusIsExtractedAndComparedAccurately() throws {
        let corpus = try #require(Fixture.raffelCorpus)
        let report = FileManager.default.temporaryDirectory
            .appendingPathComponent("monitor-corpus-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: report) }
        let monitor = Fixture.monitorExecutable
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "build monitor first: \(monitor.path)")
        let run = try CommandRun.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", Fixture.evalScript.path, corpus.path,
                "--extract", "'\(monitor.path)' extract --format json {file}",
                "--diff", "'\(monitor.path)' compare --format json {old} {new}",
                "--json", report.path, "--show-errors", "20",
            ]
        )
        print(run.stdout)
        try #require(run.status == 0, "eval_corpus.py failed: \(run.stderr)")

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
        let extraction = try #require((json?["raffel"] as? [String: Any])?["extraction"] as? [String: Any])
        #expect(extraction["versions"] as? Int == 135)
        #expect(extraction["extractor_failures"] as? Int == 0)
        let entries = try #require(extraction["entries"] as? [String: [String: Any]])
        for kind in ["publications", "talks", "members"] {
            let f1 = try #require(entries[kind]?["f1"] as? Double)
            #expect(f1 == 1.0, "\(kind) F1 \(f1)")
        }
        let fields = try #require(extraction["fields"] as? [String: [String: Any]])
        #expect(fields.count >= 8)
        for (field, score) in fields {
            let accuracy = try #require(score["accuracy"] as? Double)
            #expect(accuracy >= 0.995, "\(field) accuracy \(accuracy)")
        }

        let diff = try #require((json?["raffel"] as? [String: Any])?["diff"] as? [String: Any])
        #expect(diff["pairs"] as? Int == 134)
        #expect(diff["differ_failures"] as? Int == 0)
        let all = try #require((diff["all"] as? [String: Any])?["f1"] as? Double)
        #expect(all >= 0.995, "diff F1 over all kinds and changes \(all)")
        let scores = try #require(diff["scores"] as? [String: [String: Any]])
        #expect(scores.count == 9)
        for (change, score) in scores {
            let f1 = try #require(score["f1"] as? Double)
            #expect(f1 >= 0.98, "\(change) F1 \(f1)")
        }
    }
}
