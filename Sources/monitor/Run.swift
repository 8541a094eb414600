import ArgumentParser
import Foundation
import Logging
import MonitorConfig
import MonitorCore
import MonitorFetch
import MonitorNotify
import MonitorSchedule
import MonitorStore
import ServiceLifecycle
import UnixSignals

/// `monitor run`: the daemon.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the configured sites until stopped (the systemd service runs this).",
        discussion: """
            Checks every enabled site at its interval and stores each check. SIGTERM or SIGINT \
            stop it gracefully (checks in hand finish); SIGHUP reloads the configuration (an \
            invalid one is logged and the old one kept). With no configuration file it watches \
            https://colinraffel.com/ every 6 hours. Exits 78 when the configuration is invalid. \
            When no check or webhook delivery is due for --idle-after, the process becomes the small \
            monitor-idle program (installed beside monitor; same PID, a few MiB instead of ~40) until \
            the next one is due, then resumes where it left off.
            """
    )

    @OptionGroup var configOptions: ConfigOptions
    @OptionGroup var store: StoreOptions

    @Option(
        name: .customLong("log-level"),
        help: ArgumentHelp("trace, debug, info, notice, warning or error.", valueName: "level"),
        transform: Run.level
    )
    var logLevel: Logger.Level = .info

    @Option(
        name: .customLong("idle-after"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Go idle (monitor-idle) when nothing is due for this long, e.g. 5m; 0 never does.",
            valueName: "duration"
        ),
        transform: Run.idleDuration
    )
    var idleAfter: Duration = .seconds(300)

    static func idleDuration(_ text: String) throws -> Duration {
        // "0", "0s", "0m": never go idle.
        if let number = Double(text.filter { $0.isNumber || $0 == "." }), number == 0, !text.hasPrefix("-") {
            return .zero
        }
        guard let duration = DurationText.parse(text) else {
            throw ValidationError("'\(text)' is not a duration; use e.g. 5m, 90s or 0 (never go idle)")
        }
        return duration
    }

    /// The configuration and its text.
    ///
    /// Back from an idle spell (`MONITOR_FALLBACK_CONFIG` names the text that was in force), an invalid
    /// file is logged and the previous configuration kept, as a SIGHUP would; at a real start it is an
    /// error (exit 78).
    static func loadConfiguration(
        _ options: ConfigOptions,
        environment: [String: String],
        logger: Logger
    ) throws -> (configuration: Configuration, text: String?) {
        defer { unsetenv(IdleHandOff.fallbackVariable) }
        do {
            return try Configuration.loadWithText(option: options.config, environment: environment)
        } catch let error as ConfigError {
            guard let fallback = environment[IdleHandOff.fallbackVariable],
                let text = FileManager.default.contents(atPath: fallback).map({ String(decoding: $0, as: UTF8.self) }),
                var previous = try? Configuration.parse(text, file: error.file)
            else { throw error }
            logger.error("Configuration not reloaded; keeping the previous one", metadata: ["error": "\(error)"])
            previous.source = error.file
            return (previous, text)
        }
    }

    static func level(_ text: String) throws -> Logger.Level {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError("'\(text)' is not a log level; use trace, debug, info, notice, warning or error")
        }
        return level
    }

    func run() async throws {
        MonitorLogHandler.bootstrap(level: logLevel)
        let logger = Logger(label: "monitor")
        let environment = ProcessInfo.processInfo.environment
        let lastGood = LastGoodConfiguration()
        let loaded = try Run.loadConfiguration(configOptions, environment: environment, logger: logger)
        let configuration = loaded.configuration
        lastGood.text = loaded.text
        let directory = StateDirectory.resolve(
            option: store.stateDir,
            environment: environment,
            configured: configuration.stateDirectory
        )
        let pipeline = try Pipeline(configuration: configuration, stateDirectory: directory, command: "run")
        let checker = pipeline.checker
        let worker = pipeline.deliveryWorker(logger: Logger(label: "monitor.webhook"))
        let options = configOptions
        let idle = IdleHandOff(stateDirectory: directory)
        let scheduler = Scheduler(
            configuration: configuration,
            checker: checker,
            notifier: SystemdNotifier(),
            logger: logger,
            reload: {
                let loaded = try Configuration.loadWithText(option: options.config, environment: environment)
                lastGood.text = loaded.text
                return loaded.configuration
            },
            reloaded: { await worker.update(endpoints: $0.webhooks) },
            idleAfter: idleAfter > .zero && idle.program != nil ? idleAfter : nil,
            canIdle: { idle.isPossible },
            resume: idle.takeResume(logger: logger)
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: scheduler, successTerminationBehavior: .gracefullyShutdownGroup),
                    .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup),
                ] + DigestCommand.services(for: configuration.digest, store: pipeline.store),
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "monitor.lifecycle", factory: { _ in SwiftLogNoOpLogHandler() })
            )
        )
        logger.info("State directory", metadata: ["path": "\(directory.path)"])
        do {
            try await group.run()
        } catch {
            // The HTTP client must be shut down before it goes away, on every path.
            await pipeline.shutdown()
            throw error
        }
        await pipeline.shutdown()
        if let handOff = await scheduler.handOff {
            pipeline.keepLockAcrossExec()
            try idle.become(handOff, configurationText: lastGood.text, logger: logger)
        }
    }
}

/// `--config`, shared by `run` and `config check`.
struct ConfigOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The configuration file.",
            discussion: """
                Default: $MONITOR_CONFIG, else $CONFIGURATION_DIRECTORY/monitor.toml (systemd), else \
                $XDG_CONFIG_HOME/monitor/monitor.toml, else ~/.config/monitor/monitor.toml; with none \
                of these, the embedded default (https://colinraffel.com/ every 6 hours).
                """,
            valueName: "file"
        )
    )
    var config: String?

    func load() throws -> Configuration {
        try Configuration.load(option: config, environment: ProcessInfo.processInfo.environment)
    }
}

/// `monitor config`: inspect the configuration.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the configuration file.",
        subcommands: [Check.self]
    )

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate the configuration and print it resolved, every default spelled out.",
            discussion: "Exits 78 with a one-line error (file, line, key and fix) when it is invalid."
        )

        @OptionGroup var configOptions: ConfigOptions

        func run() async throws {
            let configuration = try configOptions.load()
            print(configuration.rendered(), terminator: "")
        }
    }
}

/// The text of the configuration in force, kept for an idle spell (set at start and on each reload).
final class LastGoodConfiguration: @unchecked Sendable {
    // Guarded by `lock`: written by the reload closure, read once at hand-over.
    private let lock = NSLock()
    private var stored: String?

    /// The file's text, or nil for the embedded default.
    var text: String? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
