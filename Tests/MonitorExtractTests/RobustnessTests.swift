import Foundation
import MonitorCore
import MonitorExtract
import MonitorTestSupport
import Testing

/// Mutated, truncated and concurrent input never crashes, hangs or leaks the extractor.
///
/// What it returns stays well-formed. Serialized, so the memory test measures its own loop only.
@Suite(.serialized) struct RobustnessTests {
    static let seeds: [[UInt8]] = Fixture.sitePages().compactMap { try? $0.bytes() }

    @Test func tenThousandMutatedPagesGiveWellFormedOutputOrAClearError() throws {
        try #require(!Self.seeds.isEmpty, "no fixture pages to mutate")
        var random = SeededRandom(seed: 20_261_126)
        var extracted = 0
        var rejected = 0
        for iteration in 0..<10_000 {
            let seed = Self.seeds[iteration % Self.seeds.count]
            let page = Mutation.apply(to: seed, using: &random)
            do {
                let entries = try Extractor().entries(in: page, url: "https://fuzz.example.org/")
                try expectWellFormed(entries)
                extracted += 1
            } catch let error as ExtractError {
                #expect(!error.description.contains("\n"))
                rejected += 1
            }
        }
        // Most mutations keep some entries; some destroy them all. Both paths must have run.
        #expect(extracted > 5_000)
        #expect(rejected > 0)
    }

    @Test func parsesFromManyTasksAtOnceAgreeWithASerialParse() async throws {
        try #require(!Self.seeds.isEmpty)
        let serial = try Self.seeds.map { try Extractor().entries(in: $0, url: "https://x.example/") }
        let concurrent = try await withThrowingTaskGroup(of: (Int, PageEntries).self) { group in
            for round in 0..<8 {
                for (index, seed) in Self.seeds.enumerated() {
                    group.addTask { (index, try Extractor().entries(in: seed, url: "https://x.example/")) }
                    _ = round
                }
            }
            var results: [(Int, PageEntries)] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(concurrent.count == Self.seeds.count * 8)
        for (index, entries) in concurrent {
            #expect(entries == serial[index])
        }
    }

    @Test func tenThousandParsesKeepMemoryFlat() throws {
        let benchPage = Fixture.directory.appendingPathComponent("bench/homepage-40k.html")
        let page = Array(try Data(contentsOf: benchPage))
        for _ in 0..<500 { _ = try Extractor().entries(in: page, url: "https://x.example/") }
        let before = try #require(ResidentMemory.current(), "/proc/self/statm is needed to measure RSS")
        for _ in 0..<10_000 { _ = try Extractor().entries(in: page, url: "https://x.example/") }
        let after = try #require(ResidentMemory.current())
        let growth = after - before
        print("RSS over 10,000 parses of a \(page.count)-byte page: \(before >> 10) KiB -> \(after >> 10) KiB")
        // A leak of even one 1 KiB allocation per parse would add ~10 MiB.
        #expect(growth < 4 << 20, "RSS grew by \(growth >> 10) KiB")
    }

    private func expectWellFormed(_ entries: PageEntries) throws {
        let json = try entries.jsonString()
        let decoded = try JSONDecoder().decode(PageEntries.self, from: Data(json.utf8))
        #expect(decoded == entries)
        var texts: [String] = []
        for publication in entries.publications {
            texts += [publication.title] + publication.authors
            texts += [publication.venue, publication.year, publication.note].compactMap { $0 }
        }
        for talk in entries.talks { texts += [talk.title] + [talk.venues, talk.year].compactMap { $0 } }
        for member in entries.members { texts += [member.name, member.description].compactMap { $0 } }
        for text in texts {
            #expect(!text.isEmpty)
            #expect(text == text.trimmingCharacters(in: .whitespacesAndNewlines), "untrimmed: \(text)")
            #expect(!text.contains("  ") && !text.contains("\n"), "whitespace not collapsed: \(text)")
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 }, "control character in: \(text)")
        }
    }
}

/// Random damage to a page: truncation, deletion, duplication, stray markup, byte noise.
enum Mutation {
    static let fragments: [[UInt8]] = [
        "<", ">", "&", "&amp", "</p>", "<p>", "<br>", "<br><br>", "<h2>Talks</h2>", "<h2>Publications</h2>",
        "<li>", "</li>", "<table><tr><td>", "</a>", "<a href=\"", "<i>", "</b>", "<!--", "-->", "<script>",
        "\u{0}", "<h2>Group members</h2>", "2024 (to appear)", "<![CDATA[", "<meta charset=\"latin1\">",
    ].map { Array($0.utf8) }

    static func apply(to page: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var bytes = page
        for _ in 0...Int.random(in: 0...3, using: &random) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            let length = min(bytes.count - at, Int.random(in: 1...512, using: &random))
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes.removeSubrange(at...)
            case 1: bytes.removeSubrange(at..<at + length)
            case 2:
                bytes.insert(contentsOf: bytes[at..<at + length], at: Int.random(in: 0...bytes.count, using: &random))
            case 3: bytes.insert(contentsOf: fragments.randomElement(using: &random) ?? [], at: at)
            case 4:
                for index in at..<at + min(length, 16) { bytes[index] = UInt8.random(in: 0...255, using: &random) }
            default:
                bytes.insert(contentsOf: (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
            }
        }
        return bytes
    }
}
