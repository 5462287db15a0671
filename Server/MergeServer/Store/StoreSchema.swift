import SyncCore
/// The tables of the server store (one SQLite file). Every statement is idempotent, so creating an
/// existing store is harmless.
enum StoreSchema {
    /// The layout version of the server store, kept in `meta` as `store_version`: 2 since `rows`
    /// is a rowid table (`StoreMigration` upgrades version 1 stores when they are opened).
    static let version = 2

    /// The `rows` table. A rowid table, not clustered by its key: a row's state (~700 bytes) is
    /// appended where the push writing it ends, and only the small `(tbl, rid)` index takes the keys
    /// of 50 sites' interleaved ids. Clustered by key (version 1), every push of rows with such ids
    /// rewrote pages all over the table (measured: 27K rows/s against 88K for 50 sites pushing 2,000
    /// rows each into the same store, the same for one site's sequential ids).
    static func rowsTable(named name: String) -> String {
        """
        CREATE TABLE IF NOT EXISTS \(name) (
            tbl TEXT NOT NULL, rid TEXT NOT NULL, owner_site TEXT, former_owners TEXT,
            privacy TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL, last_writer TEXT,
            UNIQUE (tbl, rid)
        );
        """
    }

    static let sql = """
        -- Sites that may sync; central = 1 only for the central office.
        CREATE TABLE IF NOT EXISTS sites (
            site_id TEXT NOT NULL PRIMARY KEY, central INTEGER NOT NULL, created_at TEXT NOT NULL
        ) WITHOUT ROWID;
        -- Bearer tokens, by SHA-256 hex of the token: the token itself is never stored.
        CREATE TABLE IF NOT EXISTS tokens (
            token_hash TEXT NOT NULL PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites (site_id),
            central INTEGER NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT
        ) WITHOUT ROWID;
        -- Replicas, each registered to one site at its first handshake, with its sync progress.
        CREATE TABLE IF NOT EXISTS replicas (
            replica_id TEXT NOT NULL PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites (site_id),
            first_seen TEXT NOT NULL, last_push_at TEXT, last_pull_at TEXT,
            pulled_through INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        -- The merged state of every synced row (a RowVersion as JSON) and the server sequence of its
        -- last change. owner_site is the row's visible site_id; former_owners lists, comma-separated,
        -- the sites a site-class row moved away from (they must forget it); last_writer is the replica
        -- that pushed exactly this state (its pulls skip the row).
        \(rowsTable(named: "rows"))
        \(indexes)
        -- Open conflicts: fields whose concurrent writes disagree (col = '_live' for delete conflicts).
        CREATE TABLE IF NOT EXISTS conflicts (
            tbl TEXT NOT NULL, rid TEXT NOT NULL, col TEXT NOT NULL, opened_at TEXT NOT NULL,
            PRIMARY KEY (tbl, rid, col)
        ) WITHOUT ROWID;
        \(retainedTable)
        -- Settings and counters: epoch, sequence, store_version, created_at.
        CREATE TABLE IF NOT EXISTS meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        """
}

extension StoreSchema {
    /// The table of retained views, which a store made by an older build lacks: created when a store
    /// is opened too.
    static let retainedTable = """
        -- Retained views: for a row deleted while a concurrent edit survives (an edit-against-delete
        -- conflict), the state of the side that was still live (RowVersion JSON), sent with the row so
        -- that keeping it brings all of it back. Held only while the row is contested.
        CREATE TABLE IF NOT EXISTS retained (
            tbl TEXT NOT NULL, rid TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (tbl, rid)
        ) WITHOUT ROWID;
        """

    /// Indexes a store made by an older build may lack: created when a store is opened too.
    ///
    /// `rows_for_pull` holds every column a pull decides by, after `seq`, and the row's key: the
    /// central office's pulls, which get every row, walk it in order. A site's pulls walk only the rows
    /// that can concern it, each kind in its own partial index: shared rows (`rows_shared_pull`), its
    /// own site-class rows (`rows_site_pull`, by owner), and site-class rows that moved between sites
    /// (`rows_moved_pull`, which their former owners must forget). So a site's pull costs what it gets,
    /// not what 49 other sites wrote since. (Version 1's clustered table added the key to every index
    /// by itself.)
    static let indexes = """
        CREATE INDEX IF NOT EXISTS rows_for_pull ON rows (seq, privacy, owner_site, last_writer, former_owners, tbl, rid);
        CREATE INDEX IF NOT EXISTS rows_shared_pull ON rows (seq, privacy, last_writer, tbl, rid) WHERE privacy <> 'site';
        CREATE INDEX IF NOT EXISTS rows_site_pull ON rows (owner_site, seq, privacy, last_writer, tbl, rid) WHERE privacy = 'site';
        CREATE INDEX IF NOT EXISTS rows_moved_pull ON rows (seq, privacy, owner_site, former_owners, tbl, rid)
            WHERE former_owners IS NOT NULL;
        """
}

/// Keys of the server store's settings in `meta`.
enum StoreMeta {
    /// A random id made when the store was created; a restored backup keeps it, a new store does not.
    static let epoch = "epoch"
    /// The last server sequence assigned.
    static let sequence = "sequence"
    /// The layout version (`StoreSchema.version`).
    static let storeVersion = "store_version"
    /// When the store was created.
    static let createdAt = "created_at"
}
