import Foundation
import MonitorCore
import Testing

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT

    @Test(
        arguments: [
            ("120", 120), (" 0 ", 0), ("Tue, 14 Nov 2023 22:15:20 GMT", 120), ("Tue, 14 Nov 2023 22:00:00 GMT", 0),
            ("86400", 86_400), ("86401", 86_400), ("Thu, 31 Dec 2099 23:59:59 GMT", 86_400),
            ("99999999999999999999999", 86_400), ("9223372036854775807", 86_400),
        ] as [(String, Int64)]
    )
    func waitsAreReadAndCappedAtADay(value: String, seconds: Int64) {
        #expect(RetryAfter.seconds(value, now: now) == seconds)
    }

    @Test(arguments: ["soon", "", "-5", "12.5", "1e9", "Thu, 31 Foo 2099 23:59:59 GMT"])
    func otherValuesAreIgnored(value: String) {
        #expect(RetryAfter.seconds(value, now: now) == nil)
    }
}
