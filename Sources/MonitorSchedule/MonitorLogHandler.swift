import Foundation
import Logging

/// One line per event on stderr: `2026-11-26T12:00:00Z notice monitor.run: Change detected site.id=raffel`.
///
/// Under systemd (`JOURNAL_STREAM` set) the timestamp is left out (journald adds its own) and the
/// line starts with the syslog priority (`<5>`), which journald turns into the entry's level.
public struct MonitorLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let underJournal: Bool

    /// Creates a handler.
    public init(label: String, level: Logger.Level, underJournal: Bool) {
        self.label = label
        self.logLevel = level
        self.underJournal = underJournal
    }

    /// Bootstraps swift-log with this handler for the whole process.
    public static func bootstrap(
        level: Logger.Level,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        let underJournal = !(environment["JOURNAL_STREAM"] ?? "").isEmpty
        LoggingSystem.bootstrap { label in MonitorLogHandler(label: label, level: level, underJournal: underJournal) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = ""
        if underJournal {
            line += "<\(Self.priority(event.level))>"
        } else {
            line += Self.timestamp() + " "
        }
        line += "\(event.level) \(label): \(Self.oneLine(event.message.description))"
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in all.keys.sorted() {
            line += " \(key)=\(Self.oneLine(all[key].map { "\($0)" } ?? ""))"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private static func oneLine(_ text: String) -> String {
        text.contains("\n") ? text.replacingOccurrences(of: "\n", with: " ") : text
    }

    private static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    private static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            parts.tm_year + 1900,
            parts.tm_mon + 1,
            parts.tm_mday,
            parts.tm_hour,
            parts.tm_min,
            parts.tm_sec
        )
    }
}
