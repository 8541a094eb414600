import CSQLite
import Foundation

/// One open SQLite database file: owns the `sqlite3*` and closes it in `deinit`.
///
/// Not thread-safe by itself; ``SnapshotStore`` (an actor) is its only owner. Prepared
/// statements are cached by their SQL text (the same few queries run for every check, and
/// parsing them was a fifth of a check's CPU time); each is reset after use and all are
/// finalized in `deinit`, before the connection closes.
final class Database {
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    /// The database file.
    let path: String

    /// Opens (creating if needed) a database file in WAL mode with foreign keys on; read-only, it
    /// changes nothing and needs no write access (for reading a backup or another user's state;
    /// see ``readOnlyURI(_:)``).
    ///
    /// - Throws: ``StoreError`` when the file cannot be opened or is not a database.
    init(path: String, readOnly: Bool = false) throws {
        var pointer: OpaquePointer?
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
            | SQLITE_OPEN_URI
        let status = sqlite3_open_v2(readOnly ? Self.readOnlyURI(path) : path, &pointer, flags, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(pointer)
            throw StoreError.database(path: path, message: message)
        }
        handle = pointer
        self.path = path
        sqlite3_busy_timeout(handle, 5_000)
        guard !readOnly else { return }
        do {
            // WAL: readers (monitor diff, history) never block the daemon's writes.
            // synchronous=NORMAL: a crash of the process never loses or corrupts a commit; a power
            // loss may roll back the last commits, which only means the next check finds the same
            // change again (a check's page, entries and snapshot are one transaction, so it is
            // recorded whole or not at all).
            // FULL cost one fsync per check: a third of a 100-site pass answered with 304s.
            try execute("PRAGMA journal_mode=WAL")
            try execute("PRAGMA synchronous=NORMAL")
            try execute("PRAGMA foreign_keys=ON")
        } catch {
            sqlite3_close(handle)
            throw error
        }
    }

    /// The URI that opens `path` read-only: `mode=ro`, plus `immutable=1` when SQLite could neither
    /// find nor create the WAL index (`-shm`).
    ///
    /// A WAL database is read through its `-shm` file, which a reader creates when it is missing; in
    /// a directory the user cannot write (another user's state, a mounted backup) that fails with
    /// "attempt to write a readonly database". `immutable=1` reads the main file alone, without
    /// locks. That is safe only when nothing is in the `-wal` file and nobody writes meanwhile: a
    /// missing or empty `-wal` means the last writer checkpointed and closed, and a writer that
    /// starts later cannot be the user's (they cannot create files here) but might be the owner's
    /// daemon. Its commits go to a new `-wal` first, which an immutable reader never sees, so a
    /// one-shot `history` or `diff` shows the state as of its start; only a checkpoint during the
    /// read could show a torn page, which fails that one command ("malformed") without changing a
    /// byte. When `-shm` exists (a daemon is running) or the directory is writable, plain `mode=ro`
    /// reads through the WAL as usual.
    ///
    /// - Parameter path: The database file.
    /// - Returns: A `file:` URI for `sqlite3_open_v2` with `SQLITE_OPEN_URI`.
    static func readOnlyURI(_ path: String) -> String {
        let files = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        // No -wal file (nil) is the usual case after a clean close, the same as an empty one.
        let walSize = (try? files.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int
        let immutable =
            !files.isWritableFile(atPath: directory.isEmpty ? "." : directory)
            && !files.fileExists(atPath: path + "-shm") && (walSize ?? 0) == 0
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        let escaped = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return "file:\(escaped)?mode=ro" + (immutable ? "&immutable=1" : "")
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close(handle)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard status == SQLITE_OK else {
            throw StoreError.database(path: path, message: message.map { String(cString: $0) } ?? errorMessage)
        }
    }

    /// Runs one statement with bound values, calling `row` for each result row.
    func query(_ sql: String, _ values: [Value] = [], row: (Row) throws -> Void = { _ in }) throws {
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(statement, position)
            case .integer(let integer): status = sqlite3_bind_int64(statement, position, integer)
            case .real(let real): status = sqlite3_bind_double(statement, position, real)
            case .text(let text): status = sqlite3_bind_text(statement, position, text, -1, csqlite_transient())
            case .blob(let bytes):
                status = bytes.withUnsafeBytes {
                    sqlite3_bind_blob(statement, position, $0.baseAddress, Int32($0.count), csqlite_transient())
                }
            }
            guard status == SQLITE_OK else { throw StoreError.database(path: path, message: errorMessage) }
        }
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw StoreError.database(path: path, message: errorMessage) }
            try row(Row(statement: statement))
        }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
            let statement
        else {
            throw StoreError.database(path: path, message: errorMessage)
        }
        statements[sql] = statement
        return statement
    }

    /// The rows of a query, each turned into a value.
    func rows<T>(_ sql: String, _ values: [Value] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try query(sql, values) { result.append(try transform($0)) }
        return result
    }

    /// The row id of the last insert.
    var lastInsertID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last statement.
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: all of it is committed, or none.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try query("COMMIT")
            return result
        } catch {
            try? query("ROLLBACK")
            throw error
        }
    }

    private var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// A value bound to a statement parameter.
    enum Value {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])

        static func optional(_ text: String?) -> Value { text.map(Value.text) ?? .null }
        static func int(_ integer: Int) -> Value { .integer(Int64(integer)) }
    }

    /// The current row of a query; valid only inside the `row` callback.
    struct Row {
        fileprivate let statement: OpaquePointer

        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
        func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
        func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
        func text(_ column: Int32) -> String? {
            guard let pointer = sqlite3_column_text(statement, column) else { return nil }
            return String(cString: pointer)
        }
        func string(_ column: Int32) -> String { text(column) ?? "" }
        func blob(_ column: Int32) -> [UInt8] {
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
            return Array(UnsafeRawBufferPointer(start: pointer, count: count))
        }
    }
}
