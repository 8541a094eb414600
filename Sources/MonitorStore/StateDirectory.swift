import Foundation

/// Where the monitor keeps its database and archive.
public enum StateDirectory {
    /// The state directory: `--state-dir`, else `$MONITOR_STATE_DIR`, else the config file's
    /// `state_dir`, else `$STATE_DIRECTORY`
    /// (set by systemd's `StateDirectory=`; the first of a colon-separated list), else
    /// `$XDG_STATE_HOME/monitor`, else `~/.local/state/monitor`.
    ///
    /// - Parameters:
    ///   - option: The `--state-dir` value, if given.
    ///   - environment: The process environment.
    ///   - configured: The configuration file's `state_dir`, if any.
    /// - Returns: The directory (not created here).
    public static func resolve(option: String?, environment: [String: String], configured: String? = nil) -> URL {
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        if let path = nonEmpty(option) ?? nonEmpty(environment["MONITOR_STATE_DIR"]) ?? nonEmpty(configured) {
            return URL(fileURLWithPath: path)
        }
        if let systemd = nonEmpty(environment["STATE_DIRECTORY"])?.split(separator: ":").first {
            return URL(fileURLWithPath: String(systemd))
        }
        if let xdg = nonEmpty(environment["XDG_STATE_HOME"]) {
            return URL(fileURLWithPath: xdg).appendingPathComponent("monitor")
        }
        let home = nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/monitor")
    }
}
