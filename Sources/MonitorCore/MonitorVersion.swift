/// The release of homepage-monitor, shown by `monitor --version` and in the User-Agent.
public enum MonitorVersion {
    /// The version string.
    public static let current = "0.1.0"
    /// Where to read about the project: named in the User-Agent so site owners can find us.
    public static let projectURL = "https://github.com/homepage-monitor/homepage-monitor"
}
