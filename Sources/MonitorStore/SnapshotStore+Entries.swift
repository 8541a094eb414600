import Crypto
import Foundation
import MonitorCore

// Entries, each distinct one stored once.
//
// A page's entries are mostly its previous version's: storing every entry again per version made
// the `entries` table 90 % of the database (5.8 of 6.3 MB for 187 versions of one page). Now a
// distinct entry is one row of `entry_values` (its canonical JSON, found again by a 64-bit digest
// of it), and a body lists its entries as `entry_ids`: varint ids, publications then talks then
// members, in page order.
//
// The store remembers the ids of the values it has read or written. A check reads its baseline's
// entries first, so when the new page's entries are mostly the same, only the new ones are encoded
// and looked up. Entry values are never deleted (`archive gc` keeps them: a few hundred bytes
// each), so a remembered id stays valid while another process collects garbage.
extension SnapshotStore {
    /// One entry value of any kind: the key of the remembered ids.
    enum StoredEntry: Hashable, Sendable {
        case publication(Publication)
        case talk(Talk)
        case member(Member)

        var kind: EntryKind {
            switch self {
            case .publication: .publication
            case .talk: .talk
            case .member: .member
            }
        }
    }

    /// At most this many values are remembered; past it the memory starts again empty.
    static let rememberedEntries = 20_000

    /// The entries extracted from a stored body, or `nil` when it was never extracted.
    public func entries(ofBody hash: String) throws -> PageEntries? {
        guard let ids = try entryIDList(ofBody: hash) else { return nil }
        var page = PageEntries()
        for id in ids {
            switch try entryValue(id) {
            case .publication(let publication): page.publications.append(publication)
            case .talk(let talk): page.talks.append(talk)
            case .member(let member): page.members.append(member)
            }
        }
        return page
    }

    /// The ids a body lists, or `nil` when it was never extracted.
    func entryIDList(ofBody hash: String) throws -> [Int64]? {
        let rows = try database.rows("SELECT extracted, entry_ids FROM bodies WHERE hash = ?", [.text(hash)]) {
            ($0.int(0) == 1, $0.blob(1))
        }
        guard let row = rows.first, row.0 else { return nil }
        guard let ids = Self.varints(row.1) else {
            throw StoreError.database(path: database.path, message: "the entry list of body \(hash) is corrupt")
        }
        return ids
    }

    func entryValue(_ id: Int64) throws -> StoredEntry {
        if let known = entryValues[id] { return known }
        let rows = try database.rows("SELECT kind, data FROM entry_values WHERE id = ?", [.integer(id)]) {
            ($0.string(0), $0.string(1))
        }
        guard let (kind, data) = rows.first else {
            throw StoreError.database(path: database.path, message: "entry \(id) is missing from entry_values")
        }
        let value = try Self.decode(kind: kind, data: Data(data.utf8))
        remember(value, id: id)
        return value
    }

    static func decode(kind: String, data: Data) throws -> StoredEntry {
        let decoder = JSONDecoder()
        switch EntryKind(rawValue: kind) {
        case .publication: return .publication(try decoder.decode(Publication.self, from: data))
        case .talk: return .talk(try decoder.decode(Talk.self, from: data))
        case .member: return .member(try decoder.decode(Member.self, from: data))
        case nil: throw StoreError.database(path: "entry_values", message: "unknown entry kind '\(kind)'")
        }
    }

    func remember(_ value: StoredEntry, id: Int64) {
        if entryIDs.count >= Self.rememberedEntries {
            entryIDs.removeAll(keepingCapacity: true)
            entryValues.removeAll(keepingCapacity: true)
        }
        entryIDs[value] = id
        entryValues[id] = value
    }

    /// Stores a body's entries (inside the caller's transaction, see ``valueID(_:encoder:)``).
    func insert(_ entries: PageEntries, body hash: String, encoder: JSONEncoder) throws {
        var list: [UInt8] = []
        for publication in entries.publications {
            Self.appendVarint(UInt64(try valueID(.publication(publication), encoder: encoder)), to: &list)
        }
        for talk in entries.talks { Self.appendVarint(UInt64(try valueID(.talk(talk), encoder: encoder)), to: &list) }
        for member in entries.members {
            Self.appendVarint(UInt64(try valueID(.member(member), encoder: encoder)), to: &list)
        }
        try database.query(
            "UPDATE bodies SET extracted = 1, publications = ?, talks = ?, members = ?, entry_ids = ? WHERE hash = ?",
            [
                .int(entries.publications.count), .int(entries.talks.count), .int(entries.members.count),
                .blob(list), .text(hash),
            ]
        )
    }

    /// The id of a value in `entry_values`, inserting it when it is new (inside a transaction).
    ///
    /// Ids found or inserted are kept in `pendingEntryIDs` until the transaction commits: a
    /// rolled-back insert must not be remembered.
    func valueID(_ value: StoredEntry, encoder: JSONEncoder) throws -> Int64 {
        if let known = entryIDs[value] ?? pendingEntryIDs[value] { return known }
        let id = try Self.storeValue(kind: value.kind.rawValue, data: try value.json(encoder), in: database)
        pendingEntryIDs[value] = id
        return id
    }

    static func storeValue(kind: String, data: String, in database: Database) throws -> Int64 {
        let digest = digest(kind: kind, data: data)
        let existing = try database.rows(
            "SELECT id, data FROM entry_values WHERE digest = ? AND kind = ?",
            [.integer(digest), .text(kind)]
        ) { (Int64($0.int(0)), $0.string(1)) }
        // Equal digests of different values are possible (64 bits); the data decides.
        if let match = existing.first(where: { $0.1 == data }) { return match.0 }
        try database.query(
            "INSERT INTO entry_values (digest, kind, data) VALUES (?, ?, ?)",
            [.integer(digest), .text(kind), .text(data)]
        )
        return database.lastInsertID
    }

    /// The first 8 bytes of the SHA-256 of a value's kind and JSON, as a signed integer.
    static func digest(kind: String, data: String) -> Int64 {
        var hasher = SHA256()
        hasher.update(data: Array(kind.utf8) + [0])
        hasher.update(data: Array(data.utf8))
        var value: UInt64 = 0
        for byte in hasher.finalize().prefix(8) { value = value << 8 | UInt64(byte) }
        return Int64(bitPattern: value)
    }

    /// Schema 3: rewrites the old `entries` table as entry values and per-body id lists.
    ///
    /// The old table held one row per entry per body; it is dropped afterwards. Runs inside the
    /// migration's transaction.
    static func convertLegacyEntries(_ database: Database) throws {
        var lists: [String: [UInt8]] = [:]
        var ids: [String: Int64] = [:]
        try database.query("SELECT body_hash, kind, data FROM entries ORDER BY body_hash, kind, position") { row in
            let kind = row.string(1)
            let data = row.string(2)
            let key = kind + "\u{0}" + data
            let id = try ids[key] ?? storeValue(kind: kind, data: data, in: database)
            ids[key] = id
            appendVarint(UInt64(id), to: &lists[row.string(0), default: []])
        }
        for (hash, list) in lists {
            try database.query("UPDATE bodies SET entry_ids = ? WHERE hash = ?", [.blob(list), .text(hash)])
        }
        try database.execute("DROP TABLE entries")
    }

    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// The integers of a varint list, or `nil` when it ends inside a number.
    static func varints(_ bytes: [UInt8]) -> [Int64]? {
        var values: [Int64] = []
        var current: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            guard shift < 63 else { return nil }
            current |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                values.append(Int64(bitPattern: current))
                current = 0
                shift = 0
            } else {
                shift += 7
            }
        }
        return shift == 0 ? values : nil
    }
}

extension SnapshotStore {
    /// The number of distinct entry values stored.
    @_spi(Testing) public func entryValueCount() throws -> Int {
        try database.rows("SELECT COUNT(*) FROM entry_values") { $0.int(0) }.first ?? 0
    }
}
