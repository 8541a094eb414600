import Foundation
import MonitorTestSupport
import Testing

/// `monitor digest`: `monitor diff`'s report in text and Markdown, and the e-mail's HTML.
@Suite struct DigestCommandTests {
    @Test func textAndMarkdownAreMonitorDiffsReport() throws {
        let harness = try ServeHarness(label: "digest-command")
        for format in ["text", "markdown"] {
            let window = ["--since", "2020-01-01", "--until", "2022-04-01", "--state-dir", harness.state.path]
            let digest = try CommandRun.run(harness.monitor, ["digest", "--format", format] + window)
            let diff = try CommandRun.run(harness.monitor, ["diff", "--format", format] + window)
            #expect(digest.status == 0, "\(digest.stderr)")
            #expect(digest.stdout == diff.stdout)
            #expect(digest.stdout.contains("Prompted Multitask Training for Zero-Shot Sound Event Detection"))
        }
    }

    @Test func htmlLinksTheSitesThemselves() throws {
        let harness = try ServeHarness(label: "digest-command")
        let run = try CommandRun.run(
            harness.monitor,
            [
                "digest", "--since", "2020-01-01", "--until", "2022-04-01", "--format", "html", "--state-dir",
                harness.state.path,
            ]
        )
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(
            run.stdout.contains("<section id=\"changes-ada\"><h2><a href=\"https://ada.example.edu/\">ada</a></h2>")
        )
        #expect(run.stdout.contains("New paper: Prompted Multitask Training for Zero-Shot Sound Event Detection"))
        #expect(!run.stdout.contains("<nav>"))
    }

    @Test func badSinceIsAUsageErrorWithTheFix() throws {
        let run = try CommandRun.run(Fixture.monitorExecutable, ["digest", "--since", "soonish"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("'soonish' is not a time; use last-week"), "\(run.stderr)")
    }
}
