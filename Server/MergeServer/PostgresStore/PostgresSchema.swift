/// The tables of the PostgreSQL store: the SQLite store's (`StoreSchema` and the tables its
/// extensions add), in PostgreSQL's types. Every statement is idempotent.
enum PostgresSchema {
    /// The layout version, kept in `meta` as `store_version`.
    static let version = 1

    /// The advisory lock every push holds until it commits: pushes from every server process on the
    /// store merge one at a time, so server sequences are given in commit order and a pull that
    /// read sequence N has seen every row at or below it (ARCHITECTURE.md, "The PostgreSQL store").
    static let pushLock: Int64 = 0x466C_5075_7368  // "FlPush"
    /// The advisory lock an audit entry is written under: entries commit in id order, so a reader
    /// paging by id never passes one still uncommitted.
    static let auditLock: Int64 = 0x466C_4175_6474  // "FlAudt"

    static let statements = [
        "CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL)",
        "CREATE TABLE IF NOT EXISTS sites (site_id text PRIMARY KEY, central bigint NOT NULL, created_at text NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS tokens (
            token_hash text PRIMARY KEY, site_id text NOT NULL REFERENCES sites (site_id),
            central bigint NOT NULL, created_at text NOT NULL, revoked_at text)
        """,
        """
        CREATE TABLE IF NOT EXISTS replicas (
            replica_id text PRIMARY KEY, site_id text NOT NULL REFERENCES sites (site_id), first_seen text NOT NULL,
            last_push_at text, last_pull_at text, pulled_through bigint NOT NULL DEFAULT 0, schema_version bigint)
        """,
        // `state` is the RowVersion's canonical JSON, sent on pull pages as it is. Keys compare in byte
        // order (as SQLite and the replicas' tables): a snapshot walks the key index in that order.
        """
        CREATE TABLE IF NOT EXISTS rows (
            tbl text COLLATE "C" NOT NULL, rid text COLLATE "C" NOT NULL, owner_site text, former_owners text, privacy text NOT NULL,
            seq bigint NOT NULL, state text NOT NULL, last_writer text, PRIMARY KEY (tbl, rid))
        """,
        // The central office's pulls walk every row by sequence; a site's walk its three kinds, as
        // the SQLite store's partial indexes (StoreSchema.indexes).
        "CREATE INDEX IF NOT EXISTS rows_by_seq ON rows (seq)",
        "CREATE INDEX IF NOT EXISTS rows_shared_pull ON rows (seq) WHERE privacy <> 'site'",
        "CREATE INDEX IF NOT EXISTS rows_site_pull ON rows (owner_site, seq) WHERE privacy = 'site'",
        // With its query's whole condition as predicate: otherwise the planner may walk every site's rows
        // of `rows_site_pull` for the few that moved (PostgresPullIndexTests).
        "CREATE INDEX IF NOT EXISTS rows_moved_pull ON rows (seq) WHERE former_owners IS NOT NULL AND privacy = 'site'",
        """
        CREATE TABLE IF NOT EXISTS conflicts (
            tbl text NOT NULL, rid text NOT NULL, col text NOT NULL, opened_at text NOT NULL, PRIMARY KEY (tbl, rid, col))
        """,
        "CREATE TABLE IF NOT EXISTS retained (tbl text NOT NULL, rid text NOT NULL, state text NOT NULL, PRIMARY KEY (tbl, rid))",
        """
        CREATE TABLE IF NOT EXISTS audit (
            id bigserial PRIMARY KEY, at text NOT NULL, site_id text NOT NULL, replica_id text NOT NULL,
            action text NOT NULL, tables text NOT NULL, rows bigint NOT NULL, changed bigint NOT NULL,
            forgotten bigint NOT NULL, conflicts_opened bigint NOT NULL, conflicts_closed bigint NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS dot_times (
            seq bigserial PRIMARY KEY, replica_id text NOT NULL, counter bigint NOT NULL, received_at text NOT NULL,
            UNIQUE (replica_id, counter))
        """,
        """
        CREATE TABLE IF NOT EXISTS replica_cuts (
            replica_id text NOT NULL, counter bigint NOT NULL, tag text NOT NULL, PRIMARY KEY (replica_id, counter))
        """,
        """
        CREATE TABLE IF NOT EXISTS replica_forks (
            replica_id text PRIMARY KEY, forked_from text NOT NULL, forked_at text NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS replica_held_back (
            replica_id text PRIMARY KEY, total bigint NOT NULL, rows text NOT NULL, reported_at text NOT NULL)
        """,
        "CREATE TABLE IF NOT EXISTS replica_retirements (replica_id text PRIMARY KEY, retired_at text NOT NULL)",
        "CREATE TABLE IF NOT EXISTS catalogs (version bigint PRIMARY KEY, document text NOT NULL, published_at text NOT NULL)",
    ]
}
