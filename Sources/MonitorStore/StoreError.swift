/// Why the store could not do what was asked.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    /// SQLite failed: the file is not a database, is locked, or the disk is full.
    case database(path: String, message: String)
    /// zstd failed on an archive blob.
    case compression(String)
    /// A file in the state directory could not be written or read.
    case file(path: String, message: String)
    /// An archived body is missing or does not hash to its name.
    case damagedBlob(hash: String, reason: String)
    /// The database was written by a newer monitor.
    case newerSchema(path: String, version: Int, supported: Int)
    /// No site with this id is known.
    case unknownSite(String)
    /// A site id that cannot be used.
    case invalidSiteID(String)
    /// Another monitor process holds the state directory.
    case locked(path: String, pid: Int32?, holder: String?)

    /// One line a person can act on.
    public var description: String {
        switch self {
        case .database(let path, let message):
            "\(path): SQLite error: \(message)"
                + (message.contains("not a database") || message.contains("malformed")
                    ? "; the database is damaged: restore it from a backup"
                    : "; check that the state directory is writable and the disk not full")
        case .compression(let message):
            "zstd failed: \(message)"
        case .file(let path, let message):
            "\(path): \(message)"
        case .damagedBlob(let hash, let reason):
            "archived page \(hash.prefix(12)) is \(reason); 'monitor archive verify' lists all damage, and "
                + "re-importing the page repairs it"
        case .newerSchema(let path, let version, let supported):
            "\(path): the database has schema version \(version) but this monitor knows up to \(supported); "
                + "run the newer monitor or restore a backup"
        case .unknownSite(let id):
            "no site '\(id)' in the store; add it with 'monitor check --site \(id) --url URL'"
        case .invalidSiteID(let id):
            "'\(id)' is not a usable site id; use letters, digits, '.', '_' and '-' (up to 64 characters)"
        case .locked(let path, let pid, let holder):
            "\(path) is in use by "
                + (pid.map { "PID \($0)" } ?? "another process") + (holder.map { " (monitor \($0))" } ?? "")
                + "; stop it first, or give this command another --state-dir"
        }
    }
}
