import ArgumentParser
import Foundation
import MonitorConfig
import MonitorCore
import MonitorStore

/// `--state-dir`, shared by every command that reads or writes the store.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("state-dir"),
        help: ArgumentHelp(
            "Where the database and page archive live.",
            discussion: """
                Default: $MONITOR_STATE_DIR, else $STATE_DIRECTORY (systemd), else \
                $XDG_STATE_HOME/monitor, else ~/.local/state/monitor.
                """,
            valueName: "dir"
        )
    )
    var stateDir: String?

    /// The resolved state directory (the default configuration file's `state_dir` counts, as for
    /// `monitor run`; an unreadable file is ignored here and reported by `monitor config check`).
    var directory: URL {
        let environment = ProcessInfo.processInfo.environment
        let configured = (try? Configuration.load(option: nil, environment: environment))?.stateDirectory
        return StateDirectory.resolve(option: stateDir, environment: environment, configured: configured)
    }

    /// The state directory for a configuration already loaded (its `state_dir` counts): the file is not
    /// read again.
    func directory(for configuration: Configuration) -> URL {
        StateDirectory.resolve(
            option: stateDir,
            environment: ProcessInfo.processInfo.environment,
            configured: configuration.stateDirectory
        )
    }

    /// True when `directory` holds a database.
    func exists(in directory: URL) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(SnapshotStore.databaseName).path)
    }

    /// Opens (creating if needed) the store.
    func open() throws -> SnapshotStore {
        try SnapshotStore(directory: directory)
    }

    /// Opens an existing store for a command that writes (archive gc, check of a known site).
    func openWritable() throws -> SnapshotStore {
        try requireExisting()
        return try SnapshotStore(directory: directory)
    }

    /// True when the state directory holds a database.
    var exists: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(SnapshotStore.databaseName).path)
    }

    func requireExisting() throws {
        let database = directory.appendingPathComponent(SnapshotStore.databaseName)
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw CommandError(
                "no monitor state in \(directory.path); run 'monitor check' or 'monitor import' first, "
                    + "or point --state-dir at an existing state directory"
            )
        }
    }

    /// Opens the store only if it exists, read-only, for commands that only read.
    func openExisting() throws -> SnapshotStore {
        try Self.openExisting(at: directory)
    }

    /// Opens the store in a resolved state directory only if it exists, read-only.
    static func openExisting(at directory: URL) throws -> SnapshotStore {
        let database = directory.appendingPathComponent(SnapshotStore.databaseName)
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw CommandError(
                "no monitor state in \(directory.path); run 'monitor check' or 'monitor import' first, "
                    + "or point --state-dir at an existing state directory"
            )
        }
        return try SnapshotStore(directory: directory, readOnly: true)
    }
}

/// Whether standard error is a terminal (progress lines go there only then).
var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
