import Foundation
import Logging
import MonitorCore
import MonitorSchedule

/// `monitor run`'s idle spells: the process execs `monitor-idle` (libc and the standard library only)
/// while nothing is due, and `monitor-idle` execs `monitor run` again when something is.
///
/// The schedule (each site's next due time and failure count) crosses over in `resume.json` in the
/// state directory, written before the exec and read (and removed) at the next start. Everything else
/// is read from the store again, as after any restart.
struct IdleHandOff {
    /// The state directory.
    let stateDirectory: URL

    /// This executable's path; after an upgrade replaced the file, the new one at the same path.
    static var executable: String {
        var path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        if path.hasSuffix(" (deleted)") { path.removeLast(" (deleted)".count) }
        return path
    }

    /// `monitor-idle` beside this executable, if it is installed there.
    var program: String? {
        let candidate = URL(fileURLWithPath: Self.executable).deletingLastPathComponent()
            .appendingPathComponent("monitor-idle")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate.path : nil
    }

    /// Whether an idle spell can start now: `monitor-idle` is there and the state directory writable.
    var isPossible: Bool {
        program != nil && access(stateDirectory.path, W_OK) == 0
    }

    private var resumeFile: URL { stateDirectory.appendingPathComponent("resume.json") }
    private var configurationFile: URL { stateDirectory.appendingPathComponent("resume-config.toml") }

    /// Names the copy of the configuration in force for `monitor run` coming back from idle.
    static let fallbackVariable = "MONITOR_FALLBACK_CONFIG"

    /// The schedule left by the last idle spell, if any; the file is removed so it is used once.
    func takeResume(logger: Logger) -> [String: Scheduler.Resume] {
        guard let data = FileManager.default.contents(atPath: resumeFile.path) else { return [:] }
        try? FileManager.default.removeItem(at: resumeFile)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        guard let sites = try? decoder.decode([String: Scheduler.Resume].self, from: data) else {
            logger.warning("Ignoring an unreadable resume.json; sites are scheduled from the store")
            return [:]
        }
        return sites
    }

    /// Writes the schedule and replaces this process with `monitor-idle`; returns only by throwing.
    ///
    /// - Throws: ``CommandError`` when the schedule cannot be written or `monitor-idle` cannot run.
    func become(_ handOff: Scheduler.HandOff, configurationText: String?, logger: Logger) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        guard let program else {
            logger.warning("monitor-idle is gone; starting again awake")
            try restart()
        }
        do {
            try encoder.encode(handOff.sites).write(to: resumeFile, options: .atomic)
            // The configuration in force, for a file that turns invalid while idle (owner-only: it may
            // hold webhook secrets, as the file itself does).
            if let configurationText {
                try Data(configurationText.utf8).write(to: configurationFile, options: .atomic)
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: configurationFile.path)
                setenv(Self.fallbackVariable, configurationFile.path, 1)
            } else {
                try? FileManager.default.removeItem(at: configurationFile)
                unsetenv(Self.fallbackVariable)
            }
        } catch {
            logger.warning(
                "Cannot save the schedule for an idle spell; starting again awake",
                metadata: ["path": "\(stateDirectory.path)", "error": "\(error)"]
            )
            try restart()
        }
        let arguments =
            [program, String(handOff.until.timeIntervalSince1970), handOff.status, "--", Self.executable]
            + CommandLine.arguments.dropFirst()
        logger.debug("Handing over to monitor-idle", metadata: ["program": "\(program)"])
        fflush(nil)  // every open output stream
        // A stop or reload signal that arrives from here on stays pending for monitor-idle (Linux keeps
        // blocked signals pending across exec, even ignored ones).
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        Self.exec(program, arguments)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        logger.warning(
            "Cannot run monitor-idle; starting again awake",
            metadata: ["program": "\(program)", "error": "\(String(cString: strerror(errno)))"]
        )
        try restart()
    }

    /// Replaces this process with `monitor run` again (same arguments): the service stays up, awake,
    /// and reads its configuration afresh.
    ///
    /// - Throws: ``CommandError`` when even that fails (systemd then restarts the service).
    func restart() throws -> Never {
        fflush(nil)
        Self.exec(Self.executable, [Self.executable] + CommandLine.arguments.dropFirst())
        throw CommandError(
            "cannot start \(Self.executable) again (\(String(cString: strerror(errno)))); restart the service"
        )
    }

    /// Replaces this process with `path`, given `arguments` (the first is its name); returns only when
    /// `execv` fails, with `errno` set.
    private static func exec(_ path: String, _ arguments: [String]) {
        var cStrings = arguments.map { strdup($0) }
        cStrings.append(nil)
        execv(path, cStrings)
        for string in cStrings { free(string) }
    }
}
