import Foundation
import MonitorCore
import MonitorStore
import MonitorTestSupport
import Testing

/// The HTML pages in headless Chromium (Debian's `chromium`, installed by scripts/install-deps):
/// each loads against the imported history, its DOM holds the expected entries, the console shows
/// no error (a blocked resource or a CSP violation would be one), and a screenshot is kept in
/// $TMPDIR for a person to look at.
@Suite(.serialized) struct PageRenderingTests {
    struct Browsed {
        var dom: String
        var console: [String]
        var screenshot: URL
    }

    private func chromium() throws -> URL {
        let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        return URL(fileURLWithPath: try #require(path, "no chromium; scripts/install-deps installs it"))
    }

    /// Loads a page twice: once for its DOM (with the console logged), once for a screenshot.
    private func browse(_ url: String, name: String) throws -> Browsed {
        let browser = try chromium()
        let profile = try Fixture.temporaryDirectory("chromium-profile")
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--user-data-dir=\(profile.path)", "--window-size=1280,1000",
        ]
        let dom = try CommandRun.run(browser, common + ["--enable-logging=stderr", "--v=0", "--dump-dom", url])
        try #require(dom.status == 0, "chromium failed: \(dom.stderr)")
        let console = dom.stderr.split(separator: "\n").map(String.init).filter {
            $0.contains("CONSOLE") || $0.contains("Refused to") || $0.contains("Content Security Policy")
        }
        let shot = FileManager.default.temporaryDirectory.appendingPathComponent("monitor-\(name).png")
        let screenshot = try CommandRun.run(browser, common + ["--screenshot=\(shot.path)", url])
        try #require(screenshot.status == 0, "chromium screenshot failed: \(screenshot.stderr)")
        try #require(FileManager.default.fileExists(atPath: shot.path))
        return Browsed(dom: dom.stdout, console: console, screenshot: shot)
    }

    @Test func sitesPageListsEachSiteWithItsCounts() async throws {
        let harness = try ServeHarness(label: "pages")
        try await harness.addFailuresAndDelivery()
        let page = try await harness.withServer { base in try browse("\(base)/", name: "sites") }
        #expect(page.console.isEmpty, "\(page.console)")
        #expect(page.dom.contains("<tr id=\"site-ada\">"))
        #expect(page.dom.contains("<tr id=\"site-bob\">"))
        #expect(page.dom.contains("<td class=\"count\">5</td><td class=\"count\">5</td><td class=\"count\">6</td>"))
        #expect(page.dom.contains("<td class=\"failed\">2</td>"))
        #expect(page.dom.contains("<td class=\"failed\">failed</td>"))
    }

    @Test func sitePageShowsTheChartAndEachChange() async throws {
        let harness = try ServeHarness(label: "pages")
        let page = try await harness.withServer { base in try browse("\(base)/sites/ada", name: "site-ada") }
        #expect(page.console.isEmpty, "\(page.console)")
        #expect(page.dom.contains("<svg id=\"chart\""))
        #expect(page.dom.components(separatedBy: "class=\"series\"").count == 4, "three series")
        #expect(page.dom.contains("New paper: Prompted Multitask Training for Zero-Shot Sound Event Detection"))
        #expect(page.dom.contains("<del>"))
        #expect(page.dom.contains("<ins>"))
    }

    @Test func changesPageIsMonitorDiffInTheBrowser() async throws {
        let harness = try ServeHarness(label: "pages")
        let page = try await harness.withServer { base in
            try browse("\(base)/changes?since=2021-01-01", name: "changes")
        }
        #expect(page.console.isEmpty, "\(page.console)")
        #expect(page.dom.contains("<section id=\"changes-ada\">"))
        #expect(page.dom.contains("New paper: Prompted Multitask Training for Zero-Shot Sound Event Detection"))
    }

    @Test func archivedPageRunsSandboxed() async throws {
        let harness = try ServeHarness(label: "pages")
        let store = try SnapshotStore(directory: harness.state, readOnly: true)
        let hash = try #require(try await store.latestSnapshot(of: "ada")?.contentHash)
        let page = try await harness.withServer { base in
            try browse("\(base)/sites/ada/pages/\(hash)", name: "archived")
        }
        #expect(page.dom.contains("Ada Lindqvist"))
    }
}
