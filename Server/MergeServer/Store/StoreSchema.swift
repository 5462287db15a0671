import SyncCore
/// The tables of the server store (one SQLite file). Every statement is idempotent, so creating an
/// existing store is harmless.
enum StoreSchema {
    /// The layout version of the server store, kept in `meta` as `store_version`.
    static let version = 1

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
        CREATE TABLE IF NOT EXISTS rows (
            tbl TEXT NOT NULL, rid TEXT NOT NULL, owner_site TEXT, former_owners TEXT,
            privacy TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL, last_writer TEXT,
            PRIMARY KEY (tbl, rid)
        ) WITHOUT ROWID;
        \(indexes)
        -- Open conflicts: fields whose concurrent writes disagree (col = '_live' for delete conflicts).
        CREATE TABLE IF NOT EXISTS conflicts (
            tbl TEXT NOT NULL, rid TEXT NOT NULL, col TEXT NOT NULL, opened_at TEXT NOT NULL,
            PRIMARY KEY (tbl, rid, col)
        ) WITHOUT ROWID;
        -- Settings and counters: epoch, sequence, store_version, created_at.
        CREATE TABLE IF NOT EXISTS meta (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        """
}

extension StoreSchema {
    /// Indexes a store made by an older build may lack: created when a store is opened too.
    ///
    /// `rows_for_pull` holds every column a pull decides by, after `seq`, so a pull skips the rows the
    /// caller gets nothing about without reading them (50 sites' households are 49 sites' skips).
    static let indexes = """
        CREATE INDEX IF NOT EXISTS rows_for_pull ON rows (seq, privacy, owner_site, last_writer, former_owners);
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
