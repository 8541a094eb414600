import Foundation
import MonitorCore
import Testing

@Suite struct TimeReferenceTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28T20:26:40Z

    static let relative: [(String, TimeInterval)] = [
        ("last-week", 7 * 86_400), ("last-month", 30 * 86_400), ("3d", 3 * 86_400), ("2w", 14 * 86_400),
        ("12h", 12 * 3_600), ("90m", 90 * 60), ("now", 0),
    ]

    @Test(arguments: relative)
    func spansCountBackFromNow(text: String, seconds: TimeInterval) throws {
        let reference = try #require(TimeReference(text))
        #expect(reference.date(relativeTo: Self.now) == Self.now - seconds)
    }

    @Test func daysStartAtMidnightUTC() throws {
        let today = try #require(TimeReference("today")).date(relativeTo: Self.now)
        #expect(today == Date(timeIntervalSince1970: 1_779_926_400))
        #expect(try #require(TimeReference("yesterday")).date(relativeTo: Self.now) == today - 86_400)
    }

    @Test func isoDatesAndDateTimes() throws {
        #expect(TimeReference("2024-05-01")?.date(relativeTo: Self.now) == Date(timeIntervalSince1970: 1_714_521_600))
        #expect(
            TimeReference("2024-05-01T12:00:00Z")?.date(relativeTo: Self.now)
                == Date(timeIntervalSince1970: 1_714_564_800)
        )
        #expect(
            TimeReference("2024-05-01T14:00:00+02:00")?.date(relativeTo: Self.now)
                == Date(timeIntervalSince1970: 1_714_564_800)
        )
        #expect(
            TimeReference("2024-05-01T12:00")?.date(relativeTo: Self.now) == Date(timeIntervalSince1970: 1_714_564_800)
        )
    }

    @Test func anythingElseIsRejected() {
        for text in ["", "week", "last-year", "3", "d", "-3d", "3.5d", "2024-13-01", "2024-02-30", "tomorrow"] {
            #expect(TimeReference(text) == nil, "\(text)")
        }
    }
}
