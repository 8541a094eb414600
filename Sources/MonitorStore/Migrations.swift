/// The schema, as numbered migrations applied in order; `PRAGMA user_version` records the last.
///
/// A released migration is never edited: a change is a new migration at the end.
enum Migrations {
    static let all: [String] = [
        // 1: sites, bodies (archive index), entries per body, snapshots, change sets.
        """
        CREATE TABLE sites (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            added_at REAL NOT NULL
        );
        CREATE TABLE bodies (
            hash TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            stored_size INTEGER NOT NULL,
            base_hash TEXT REFERENCES bodies(hash),
            chain_length INTEGER NOT NULL,
            extracted INTEGER NOT NULL,
            publications INTEGER,
            talks INTEGER,
            members INTEGER
        );
        CREATE TABLE entries (
            body_hash TEXT NOT NULL REFERENCES bodies(hash) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (body_hash, kind, position)
        ) WITHOUT ROWID;
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
            fetched_at REAL NOT NULL,
            outcome TEXT NOT NULL,
            source TEXT NOT NULL,
            http_status INTEGER,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT REFERENCES bodies(hash),
            message TEXT,
            retry_at REAL
        );
        CREATE INDEX snapshots_by_site_time ON snapshots (site_id, fetched_at);
        CREATE UNIQUE INDEX snapshots_imported_once ON snapshots (site_id, fetched_at, body_hash)
            WHERE source = 'import';
        CREATE TABLE change_sets (
            snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id) ON DELETE CASCADE,
            previous_snapshot_id INTEGER REFERENCES snapshots(id),
            site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
            detected_at REAL NOT NULL,
            held INTEGER NOT NULL DEFAULT 0,
            changes TEXT NOT NULL
        );
        CREATE INDEX change_sets_by_site_time ON change_sets (site_id, detected_at);
        """,
        // 2: the webhook outbox and its delivery attempts.
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            message_id TEXT NOT NULL UNIQUE,
            endpoint TEXT NOT NULL,
            site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
            snapshot_id INTEGER REFERENCES snapshots(id) ON DELETE SET NULL,
            created_at REAL NOT NULL,
            body BLOB NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            next_attempt_at REAL
        );
        CREATE INDEX outbox_pending ON outbox (endpoint, id) WHERE status = 'pending';
        CREATE TABLE attempts (
            outbox_id INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
            at REAL NOT NULL,
            status INTEGER,
            error TEXT
        );
        CREATE INDEX attempts_by_message ON attempts (outbox_id, at);
        """,
        // 3: page blobs in the database instead of a file each (moved by `moveLegacyBlobs` after
        // opening); each distinct entry stored once, a body listing its entries' ids, a change set
        // naming them by id. The rows of `entries` and the JSON change sets are converted in the
        // same transaction (`convertLegacyEntries`, `convertLegacyChangeSets`).
        """
        ALTER TABLE bodies ADD COLUMN blob BLOB;
        ALTER TABLE bodies ADD COLUMN entry_ids BLOB;
        ALTER TABLE change_sets ADD COLUMN change_ids BLOB;
        ALTER TABLE change_sets ADD COLUMN entry_count INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE entry_values (
            id INTEGER PRIMARY KEY,
            digest INTEGER NOT NULL,
            kind TEXT NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX entry_values_by_digest ON entry_values (digest);
        """,
    ]

    /// The schema version whose transaction also converts the `entries` table.
    static let entriesStoredOnce = 3
}
