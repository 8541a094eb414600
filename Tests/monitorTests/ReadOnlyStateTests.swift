import Foundation
import MonitorStore
import MonitorTestSupport
import Testing

/// The reading commands on a state directory the user cannot write (another user's, or a backup).
///
/// Tests run as root, and root ignores permissions: then the commands run as `nobody` (setpriv) on
/// a state directory owned by root with modes 0755/0644. As any other user the directory is made
/// read-only instead.
@Suite(.serialized) struct ReadOnlyStateTests {
    let monitor = Fixture.monitorExecutable
    let pages = Fixture.directory.appendingPathComponent("sites/ada-lindqvist")
    let folder: URL
    var state: URL { folder.appendingPathComponent("state") }

    init() throws {
        folder = try Fixture.temporaryDirectory("readonly")
    }

    /// Every file and directory under `root` (and `root` itself), deepest first.
    private func tree(_ root: URL) throws -> [URL] {
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        let inside = enumerator.compactMap { $0 as? URL }
        return inside.reversed() + [root]
    }

    private func setModes(directories: Int, files: Int) throws {
        for url in try tree(state) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            try FileManager.default.setAttributes(
                [.posixPermissions: isDirectory.boolValue ? directories : files],
                ofItemAtPath: url.path
            )
        }
    }

    /// Runs the binary as a user who can read but not write the state directory.
    private func runAsReader(_ arguments: [String]) throws -> CommandRun {
        let environment = ["MONITOR_CONFIG": folder.appendingPathComponent("none.toml").path]
        if getuid() == 0 {
            return try CommandRun.run(
                URL(fileURLWithPath: "/usr/bin/setpriv"),
                ["--reuid=nobody", "--regid=nogroup", "--clear-groups", monitor.path]
                    + arguments + ["--state-dir", state.path],
                environment: environment
            )
        }
        return try CommandRun.run(monitor, arguments + ["--state-dir", state.path], environment: environment)
    }

    @Test func historyDiffAndVerifyReadAStateDirectoryTheUserCannotWrite() throws {
        try #require(FileManager.default.isExecutableFile(atPath: monitor.path), "no binary at \(monitor.path)")
        let imported = try CommandRun.run(
            monitor,
            [
                "import", "--site", "ada", "--url", "https://ada.example.edu/", "--dir", pages.path, "--state-dir",
                state.path,
            ]
        )
        try #require(imported.status == 0, "\(imported.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        if getuid() == 0 {
            try setModes(directories: 0o755, files: 0o644)
        } else {
            try setModes(directories: 0o555, files: 0o444)
        }
        defer {
            try? setModes(directories: 0o755, files: 0o644)
            try? FileManager.default.removeItem(at: folder)
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: state.path).sorted()
        let database = try Data(contentsOf: state.appendingPathComponent(SnapshotStore.databaseName))

        let history = try runAsReader(["history", "--site", "ada"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.split(separator: "\n").count == 5)
        let diff = try runAsReader(["diff", "--since", "2016-06-01", "--until", "2021-01-01"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.hasPrefix("== ada (https://ada.example.edu/)\n"))
        let verify = try runAsReader(["archive", "verify"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("5 pages verified, 0 damaged"))

        #expect(try FileManager.default.contentsOfDirectory(atPath: state.path).sorted() == before)
        #expect(try Data(contentsOf: state.appendingPathComponent(SnapshotStore.databaseName)) == database)
    }
}
