import SQLiteDatabase

extension Replica {
    /// Entries of the capture log folded by one statement: bounds the memory a fold's sort takes
    /// (a bulk write of a million rows leaves two million entries) to a few megabytes.
    static let captureLogChunk: Int64 = 50_000

    /// Moves the capture log's entries (`_fl_log`, appended by the triggers in write order) into
    /// `_fl_dirty`, one entry per row: the columns every write of the row changed (bits OR'ed), -1
    /// when any of them inserted or deleted it. Empties the log. Inside the caller's transaction; a
    /// no-op when nothing was written since the last fold.
    ///
    /// The log is taken a chunk of rowids at a time (its write order: no sort of the whole log),
    /// each chunk sorted by key and upserted into `_fl_dirty` by SQLite in one statement.
    func foldCaptureLog() throws {
        guard let last = try connection.query("SELECT max(rowid) FROM _fl_log")[0][0].integer else { return }
        let fold = try connection.prepare(
            "INSERT INTO _fl_dirty (tbl, rid, mask) SELECT tbl, rid, mask FROM _fl_log "
                + "WHERE rowid > ?1 AND rowid <= ?2 AND tbl IS NOT NULL AND rid IS NOT NULL ORDER BY tbl, rid "
                + "ON CONFLICT (tbl, rid) DO UPDATE SET "
                + "mask = CASE WHEN mask = -1 OR excluded.mask = -1 THEN -1 ELSE mask | excluded.mask END")
        var after: Int64 = 0
        while after < last {
            try fold.bind([.integer(after), .integer(min(last, after + Self.captureLogChunk))]).run()
            after += Self.captureLogChunk
        }
        try connection.execute("DELETE FROM _fl_log")
    }
}
