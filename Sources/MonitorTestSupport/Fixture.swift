import Foundation

/// Finds the repository's fixtures, the shared corpus and the built binaries from the tests.
public enum Fixture {
    /// The package root, found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `fixtures/` in the package.
    public static var directory: URL { packageRoot.appendingPathComponent("fixtures") }

    /// One page under `fixtures/sites/<site-id>/<date>.html` and its golden `<date>.json`.
    public struct SitePage: Sendable, CustomStringConvertible {
        /// The site folder's name.
        public var siteID: String
        /// The HTML file.
        public var html: URL
        /// The golden entries file beside it.
        public var golden: URL

        /// "site-id/date", for test names.
        public var description: String { "\(siteID)/\(html.deletingPathExtension().lastPathComponent)" }

        /// The page's bytes.
        public func bytes() throws -> [UInt8] { Array(try Data(contentsOf: html)) }
    }

    /// Every fixture page, sorted by site and date.
    public static func sitePages() -> [SitePage] {
        let sites = directory.appendingPathComponent("sites")
        let manager = FileManager.default
        guard let siteIDs = try? manager.contentsOfDirectory(atPath: sites.path) else { return [] }
        var pages: [SitePage] = []
        for siteID in siteIDs.sorted() {
            let folder = sites.appendingPathComponent(siteID)
            let files = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in files.sorted() where file.hasSuffix(".html") {
                let html = folder.appendingPathComponent(file)
                pages.append(
                    SitePage(
                        siteID: siteID,
                        html: html,
                        golden: html.deletingPathExtension().appendingPathExtension("json")
                    )
                )
            }
        }
        return pages
    }

    /// `../shared/corpus/raffel` beside the checkout, when it is there (CI has it).
    public static var raffelCorpus: URL? {
        let corpus = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/corpus/raffel")
        return FileManager.default.fileExists(atPath: corpus.appendingPathComponent("truth").path) ? corpus : nil
    }

    /// `../shared/corpus/homepages` (12 real sites) beside the checkout, when it is there (CI has it).
    public static var homepagesCorpus: URL? {
        let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/homepages")
        return FileManager.default.fileExists(atPath: corpus.appendingPathComponent("README.md").path) ? corpus : nil
    }

    /// `../shared/corpus/homepages-changes` (the same sites' change reports) beside the checkout, when it is there.
    public static var homepageChangesCorpus: URL? {
        let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/homepages-changes")
        return FileManager.default.fileExists(atPath: corpus.appendingPathComponent("README.md").path) ? corpus : nil
    }

    /// `../shared/tools/eval_corpus.py` beside the checkout.
    public static var evalScript: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/eval_corpus.py")
    }

    /// The `monitor` executable that `swift build` / `swift test` built next to the test bundle.
    public static var monitorExecutable: URL {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["MONITOR_BINARY"] { return URL(fileURLWithPath: override) }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        // The runner may sit inside a bundle folder (…/debug/X.xctest/…): climb to the build folder.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("monitor")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/monitor")
    }

    /// A new empty temporary directory for one test; the caller removes it.
    public static func temporaryDirectory(_ label: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("monitor-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
