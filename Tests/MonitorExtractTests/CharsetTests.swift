import Foundation
import MonitorCore
import MonitorExtract
import MonitorTestSupport
import Testing

@Suite struct CharsetTests {
    private let talkPage =
        "<h2>Talks</h2><p><a href=\"t\">Caf\u{E9} Na\u{EF}ve M\u{FC}ller</a> at Montr\u{E9}al, 2019.</p>"

    private func title(of bytes: [UInt8], contentType: String? = nil) throws -> String? {
        try Extractor().entries(in: bytes, url: "https://x.example/", contentType: contentType).talks.first?.title
    }

    @Test func declaredLatin1Decodes() throws {
        let html = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">" + talkPage
        let bytes = try #require(html.data(using: .isoLatin1))
        #expect(try title(of: Array(bytes)) == "Caf\u{E9} Na\u{EF}ve M\u{FC}ller")
    }

    @Test func undeclaredLatin1FallsBackToWindows1252() throws {
        var bytes = Array(try #require(talkPage.data(using: .isoLatin1)))
        // 0x92 is a right single quote in Windows-1252 and invalid UTF-8.
        let quote = try #require(bytes.firstIndex(of: UInt8(ascii: "N")))
        bytes.insert(0x92, at: quote)
        #expect(try title(of: bytes) == "Caf\u{E9} \u{2019}Na\u{EF}ve M\u{FC}ller")
    }

    @Test func httpCharsetWinsOverMeta() throws {
        let html = "<meta charset=\"utf-8\">" + talkPage
        let bytes = Array(try #require(html.data(using: .isoLatin1)))
        #expect(
            try title(of: bytes, contentType: "text/html; charset=ISO-8859-1") == "Caf\u{E9} Na\u{EF}ve M\u{FC}ller"
        )
    }

    @Test func utf8PageWithLatin1HeaderIsReadAsDeclared() throws {
        // The header is the authority: UTF-8 bytes under a Latin-1 header decode as Latin-1, as in browsers.
        let bytes = Array("<h2>Talks</h2><p><a href=\"t\">\u{E9}</a> at V, 2019.</p>".utf8)
        #expect(try title(of: bytes, contentType: "text/html; charset=latin1") == "\u{C3}\u{A9}")
    }

    @Test func byteOrderMarksAreHonoured() throws {
        let utf8 = [0xEF, 0xBB, 0xBF] + Array(talkPage.utf8)
        #expect(try title(of: utf8, contentType: "text/html; charset=iso-8859-1") == "Caf\u{E9} Na\u{EF}ve M\u{FC}ller")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in talkPage.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try title(of: utf16) == "Caf\u{E9} Na\u{EF}ve M\u{FC}ller")
    }

    @Test func otherDeclaredCharsetsAreConverted() throws {
        let html = "<meta charset=\"iso-8859-15\">" + "<h2>Talks</h2><p><a href=\"t\">Euro \u{20AC}</a> at V, 2019.</p>"
        // 0xA4 is the euro sign in ISO-8859-15; everything else here is ASCII.
        let bytes = html.unicodeScalars.map { $0 == "\u{20AC}" ? UInt8(0xA4) : UInt8(truncatingIfNeeded: $0.value) }
        #expect(try title(of: bytes) == "Euro \u{20AC}")
    }

    @Test func aMalformedMetaLabelIsIgnoredAndInvalidBytesFallBackToWindows1252() throws {
        // Issue 14: `<meta charset=|utf-8">` names no encoding; libxml2 stopped decoding at the first
        // invalid byte (0xE9 here), so the page lost every entry after it.
        let page = Fixture.directory.appendingPathComponent("charset/malformed-meta-label.html")
        let bytes = Array(try Data(contentsOf: page))
        let entries = try Extractor().entries(in: bytes, url: "https://duval.example.edu/", contentType: nil)
        #expect(entries.publications.count == 3)
        #expect(entries.talks.count == 2)
        #expect(entries.publications.first?.authors == ["Ren\u{E9} Duval", "Ana Ruiz"])
        #expect(entries.talks.last?.title == "Estuaries in Motion")
    }

    @Test func labelsNoConverterKnowsAreNoDeclaration() throws {
        for label in ["|utf-8", "x-no-such-charset", "utf-8x", "\u{E9}t\u{E9}"] {
            let html = "<meta charset=\"\(label)\">" + talkPage
            let bytes = Array(try #require(html.data(using: .isoLatin1)))
            #expect(try title(of: bytes) == "Caf\u{E9} Na\u{EF}ve M\u{FC}ller", "meta \(label)")
            #expect(
                try title(of: Array(talkPage.utf8), contentType: "text/html; charset=\(label)")
                    == "Caf\u{E9} Na\u{EF}ve M\u{FC}ller",
                "header \(label)"
            )
        }
    }

    @Test func aDeclaredCharsetSurvivesAnInvalidByte() throws {
        // Issue 14: an invalid byte (0xFF is none of Shift_JIS) made libxml2's converter stop the parse there.
        let nihon: [UInt8] = [0x93, 0xFA, 0x96, 0x7B]  // 日本 in Shift_JIS
        var bytes = Array("<meta charset=\"shift_jis\"><h2>Talks</h2><p><a href=\"a\">Tides ".utf8) + [0xFF]
        bytes += Array("</a> at Harbour Seminar, 2023.</p><p><a href=\"b\">Tokyo ".utf8) + nihon
        bytes += Array("</a> at Coastal Days, 2022.</p>".utf8)
        let talks = try Extractor().entries(in: bytes, url: "https://x.example/", contentType: nil).talks
        #expect(talks.map(\.title) == ["Tides \u{FFFD}", "Tokyo \u{65E5}\u{672C}"])
    }
}
