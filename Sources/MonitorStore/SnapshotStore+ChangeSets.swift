import Foundation
import MonitorCore

// Change sets stored as references to entry values.
//
// Every entry a change names is on one of the two pages compared, so it is already an entry value.
// Stored as JSON, the change sets of 135 versions of one page took 200 KB, more than all their page
// blobs; as ids (`change_ids`: varints, see `encode`) they take a few bytes a change. A change set
// that cannot be written that way (a field name that is not one of its kind's) is kept as JSON in
// `changes`, which is also how schema 2 stored them all.
extension SnapshotStore {
    /// The `change_ids` form of a change set: for publications, talks, then members, the number
    /// added and their ids, the number removed and theirs, the number modified and, for each, the
    /// old id, the new id, the number of fields and each field's index in `comparedFields`.
    ///
    /// - Parameters:
    ///   - changes: The change set.
    ///   - id: The entry-value id of a value (inserting it when new).
    /// - Returns: The bytes, or `nil` when a field name is not one of its kind's.
    /// - Throws: What `id` throws.
    static func encode(_ changes: ChangeSet, id: (StoredEntry) throws -> Int64) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        func add<Value: EntryValue>(_ kind: KindChanges<Value>, _ wrap: (Value) -> StoredEntry) throws -> Bool {
            appendVarint(UInt64(kind.added.count), to: &bytes)
            for value in kind.added { appendVarint(UInt64(try id(wrap(value))), to: &bytes) }
            appendVarint(UInt64(kind.removed.count), to: &bytes)
            for value in kind.removed { appendVarint(UInt64(try id(wrap(value))), to: &bytes) }
            appendVarint(UInt64(kind.modified.count), to: &bytes)
            for modification in kind.modified {
                let names = modification.new.comparedFields.map(\.name)
                appendVarint(UInt64(try id(wrap(modification.old))), to: &bytes)
                appendVarint(UInt64(try id(wrap(modification.new))), to: &bytes)
                appendVarint(UInt64(modification.fields.count), to: &bytes)
                for field in modification.fields {
                    guard let index = names.firstIndex(of: field) else { return false }
                    appendVarint(UInt64(index), to: &bytes)
                }
            }
            return true
        }
        guard try add(changes.publications, StoredEntry.publication), try add(changes.talks, StoredEntry.talk),
            try add(changes.members, StoredEntry.member)
        else { return nil }
        return bytes
    }

    /// Reads what `encode` wrote.
    func decodeChanges(_ bytes: [UInt8]) throws -> ChangeSet {
        guard let numbers = Self.varints(bytes) else { throw corruptChanges() }
        var position = 0
        func next() throws -> Int64 {
            guard position < numbers.count else { throw corruptChanges() }
            defer { position += 1 }
            return numbers[position]
        }
        func read<Value: EntryValue>(_ unwrap: (StoredEntry) -> Value?) throws -> KindChanges<Value> {
            func value() throws -> Value {
                guard let value = unwrap(try entryValue(try next())) else { throw corruptChanges() }
                return value
            }
            var kind = KindChanges<Value>()
            for _ in 0..<(try next()) { kind.added.append(try value()) }
            for _ in 0..<(try next()) { kind.removed.append(try value()) }
            for _ in 0..<(try next()) {
                let old = try value()
                let new = try value()
                let names = new.comparedFields.map(\.name)
                var fields: [String] = []
                for _ in 0..<(try next()) {
                    let index = Int(try next())
                    guard names.indices.contains(index) else { throw corruptChanges() }
                    fields.append(names[index])
                }
                kind.modified.append(EntryModification(fields: fields, old: old, new: new))
            }
            return kind
        }
        let changes = ChangeSet(
            publications: try read { if case .publication(let value) = $0 { value } else { nil } },
            talks: try read { if case .talk(let value) = $0 { value } else { nil } },
            members: try read { if case .member(let value) = $0 { value } else { nil } }
        )
        guard position == numbers.count else { throw corruptChanges() }
        return changes
    }

    private func corruptChanges() -> StoreError {
        StoreError.database(path: database.path, message: "a stored change set is corrupt")
    }

    /// Schema 3: rewrites the JSON change sets of schema 2 as `change_ids`.
    ///
    /// Runs inside the migration's transaction, after `convertLegacyEntries`. One that cannot be
    /// rewritten stays JSON.
    static func convertLegacyChangeSets(_ database: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let decoder = JSONDecoder()
        let rows = try database.rows("SELECT snapshot_id, changes FROM change_sets") { ($0.int(0), $0.string(1)) }
        for (snapshot, json) in rows {
            guard let changes = try? decoder.decode(ChangeSet.self, from: Data(json.utf8)) else { continue }
            try database.query(
                "UPDATE change_sets SET entry_count = ? WHERE snapshot_id = ?",
                [.int(changes.count), .int(snapshot)]
            )
            let ids = try encode(changes) { value in
                try storeValue(kind: value.kind.rawValue, data: try value.json(encoder), in: database)
            }
            guard let ids else { continue }
            try database.query(
                "UPDATE change_sets SET changes = '', change_ids = ? WHERE snapshot_id = ?",
                [.blob(ids), .int(snapshot)]
            )
        }
    }
}

extension SnapshotStore.StoredEntry {
    /// The canonical JSON of the value: what `entry_values.data` holds.
    func json(_ encoder: JSONEncoder) throws -> String {
        let data: Data
        switch self {
        case .publication(let publication): data = try encoder.encode(publication)
        case .talk(let talk): data = try encoder.encode(talk)
        case .member(let member): data = try encoder.encode(member)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
