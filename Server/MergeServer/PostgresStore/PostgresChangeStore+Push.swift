import SyncCore
import SyncProtocol
import SyncWire

extension PostgresChangeStore {
    /// How many rows one statement of a push writes.
    static let rowsPerStatement = 5_000

    /// One transaction under the push lock: the stored rows are read, merged (`PushPlan`) and written
    /// before any other process's push can read them, so two processes merging pushes to the same row
    /// lose nothing. A push that fails (or whose process is killed) rolls back whole.
    public func push(_ changeSet: ChangeSet, cuts: [Cut] = [], from site: AuthenticatedSite) async throws(ServerError)
        -> PushReceipt
    {
        await pushTurns.begin()
        do {
            let receipt = try await pushInTurn(changeSet, cuts: cuts, from: site)
            await pushTurns.finish()
            return receipt
        } catch {
            await pushTurns.finish()
            throw error
        }
    }

    private func pushInTurn(_ changeSet: ChangeSet, cuts: [Cut], from site: AuthenticatedSite) async throws(ServerError)
        -> PushReceipt
    {
        let (receipt, resolved) = try await inTransaction("storing the pushed rows") { session in
            // A push waits at most 30 s for another process's (a frozen holder answers 503, retried later).
            try await session.rows("SET LOCAL lock_timeout = '30s'")
            try await session.rows("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresSchema.pushLock)])
            // The catalog as published when the lock was taken: no version published meanwhile is missed.
            try await refreshCatalogs(in: session)
            var formerOwners: [RowKey: Set<String>] = [:]
            let plan = try await makePlan(for: changeSet, by: site, formerOwners: &formerOwners, in: session)
            // Authorized as the origin's own push: a write it names under a counter the store holds
            // with another tag comes from a second copy of the replica, which must fork.
            let mismatched = try await firstMismatchedCut(of: changeSet.origin, in: cuts, session: session)
            let retired = try await retiredAt(of: changeSet.origin.rawValue, in: session)
            if mismatched != nil || retired != nil {
                throw ServerError.replicaForked(changeSet.origin.rawValue)
            }
            let time = timestamp()
            var sequence = try await latestSequence(in: session)
            var conflicts = ConflictChanges()
            for start in stride(from: 0, to: plan.writes.count, by: Self.rowsPerStatement) {
                let batch = plan.writes[start..<min(start + Self.rowsPerStatement, plan.writes.count)]
                try await storeRows(batch, formerOwners: formerOwners, firstSequence: sequence + 1, in: session)
                sequence += UInt64(batch.count)
                for write in batch {
                    try await refreshRetained(of: write, in: session)
                    conflicts = conflicts + (try await refreshConflicts(of: write, at: time, in: session))
                }
            }
            if !plan.writes.isEmpty {
                try await session.rows("UPDATE meta SET value = $1 WHERE key = $2", [.text(String(sequence)), .text(StoreMeta.sequence)])
            }
            try await session.rows(
                "UPDATE replicas SET last_push_at = $1 WHERE replica_id = $2", [.text(time), .text(changeSet.origin.rawValue)])
            try await recordDotTimes(origin: changeSet.origin, counters: plan.originCounters, at: time, in: session)
            try await recordCuts(cuts, of: changeSet.origin, in: session)
            try await recordAudit(
                site: site, replica: changeSet.origin, action: conflicts.resolved > 0 ? "resolve" : "push",
                tables: changeSet.rows.reduce(into: [:]) { counts, row in counts[row.table, default: 0] += 1 },
                rows: changeSet.rows.count, changed: plan.writes.count, forgotten: 0, opened: conflicts.opened,
                closed: conflicts.resolved, at: time, in: session)
            let receipt = PushReceipt(
                received: plan.received, changed: plan.writes.count, conflictsOpened: conflicts.opened, latestSequence: sequence)
            return (receipt, conflicts.resolved)
        }
        metrics?.countPush(rowsChanged: receipt.changed, conflictsOpened: receipt.conflictsOpened, conflictsResolved: resolved)
        return receipt
    }

    /// Reads every stored row `changeSet` names (one statement) and plans the push against them.
    private func makePlan(
        for changeSet: ChangeSet, by site: AuthenticatedSite, formerOwners: inout [RowKey: Set<String>], in session: PostgresSession
    ) async throws -> PushPlan {
        let named = Set(changeSet.rows.flatMap { $0.clock.entries.map(\.replica) }).union([changeSet.origin])
        let replicaSites = try await replicaSites(named, in: session)
        var keys: [RowKey] = []
        var seen = Set<RowKey>()
        for row in changeSet.rows where seen.insert(RowKey(row)).inserted { keys.append(RowKey(row)) }
        var stored: [RowKey: RowVersion] = [:]
        var contested: [RowKey] = []
        for start in stride(from: 0, to: keys.count, by: Self.rowsPerStatement) {
            let batch = keys[start..<min(start + Self.rowsPerStatement, keys.count)]
            for row in try await session.rows(
                "SELECT r.tbl, r.rid, r.state, r.former_owners FROM unnest($1::text[], $2::text[]) AS k (tbl, rid) "
                    + "JOIN rows r ON r.tbl = k.tbl AND r.rid = k.rid",
                [.texts(batch.map(\.table)), .texts(batch.map(\.id))])
            {
                let key = RowKey(table: try row.text(0) ?? "", id: try row.text(1) ?? "")
                let state = try decodeState(try row.bytes(2) ?? [], key: key)
                stored[key] = state
                formerOwners[key] = SQLiteChangeStore.owners(try row.text(3))
                if state.isContestedDelete { contested.append(key) }
            }
        }
        // Only a contested row has a retained view: no look-up for any other.
        var storedRetained: [RowKey: RowVersion] = [:]
        for key in contested {
            if let view = try await loadRetained(key, in: session) { storedRetained[key] = view }
        }
        return try PushPlan.make(
            changeSet, by: site, replicaSites: replicaSites, stored: stored, formerOwners: formerOwners,
            storedRetained: storedRetained, catalog: catalog)
    }

    /// Writes `writes` under the sequences from `firstSequence` on, in one statement.
    private func storeRows(
        _ writes: ArraySlice<PushPlan.Write>, formerOwners: [RowKey: Set<String>], firstSequence: UInt64,
        in session: PostgresSession
    ) async throws {
        var tables: [String] = [], ids: [String] = [], owners: [String] = [], formers: [String] = []
        var privacies: [String] = [], sequences: [Int64] = [], states: [String] = [], writers: [String] = []
        for (offset, write) in writes.enumerated() {
            let privacy = catalog.table(named: write.key.table)?.privacy ?? .shared
            tables.append(write.key.table)
            ids.append(write.key.id)
            // '' stands for NULL in the arrays (no site id, replica id or owner list is empty).
            owners.append(write.merged.owningSite ?? "")
            formers.append(write.formerOwners(after: formerOwners[write.key] ?? [], privacy: privacy).sorted().joined(separator: ","))
            privacies.append(privacy.rawValue)
            sequences.append(Int64(firstSequence) + Int64(offset))
            states.append(String(decoding: RowVersionJSON.encode(write.merged), as: UTF8.self))
            writers.append(write.lastWriter?.rawValue ?? "")
        }
        try await session.rows(
            """
            INSERT INTO rows (tbl, rid, owner_site, former_owners, privacy, seq, state, last_writer)
            SELECT t, r, nullif(o, ''), nullif(f, ''), p, s, st, nullif(w, '')
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[])
                AS u (t, r, o, f, p, s, st, w)
            ON CONFLICT (tbl, rid) DO UPDATE SET owner_site = excluded.owner_site,
                former_owners = excluded.former_owners, privacy = excluded.privacy, seq = excluded.seq,
                state = excluded.state, last_writer = excluded.last_writer
            """,
            [.texts(tables), .texts(ids), .texts(owners), .texts(formers), .texts(privacies), .integers(sequences),
             .texts(states), .texts(writers)])
    }

    /// Closes and opens the row's conflict entries as `write` changes them (usually nothing to do).
    private func refreshConflicts(of write: PushPlan.Write, at time: String, in session: PostgresSession) async throws
        -> ConflictChanges
    {
        let (closed, opened, clearsRow) = write.conflictChange
        let key: [PostgresValue] = [.text(write.key.table), .text(write.key.id)]
        if clearsRow {
            try await session.rows("DELETE FROM conflicts WHERE tbl = $1 AND rid = $2", key)
        } else if !closed.isEmpty {
            try await session.rows("DELETE FROM conflicts WHERE tbl = $1 AND rid = $2 AND col = ANY($3::text[])", key + [.texts(closed)])
        }
        if !opened.isEmpty {
            try await session.rows(
                "INSERT INTO conflicts (tbl, rid, col, opened_at) SELECT $1, $2, c, $4 FROM unnest($3::text[]) AS c "
                    + "ON CONFLICT (tbl, rid, col) DO NOTHING",
                key + [.texts(opened), .text(time)])
        }
        return ConflictChanges(opened: opened.count, resolved: closed.count)
    }

    /// Keeps the row's retained view in step with `write`, as `SQLiteChangeStore.refreshRetained`.
    private func refreshRetained(of write: PushPlan.Write, in session: PostgresSession) async throws {
        let key: [PostgresValue] = [.text(write.key.table), .text(write.key.id)]
        guard write.merged.isContestedDelete else {
            if write.previous?.isContestedDelete == true {
                try await session.rows("DELETE FROM retained WHERE tbl = $1 AND rid = $2", key)
            }
            return
        }
        guard let joined = write.retained else { return }
        try await session.rows(
            "INSERT INTO retained (tbl, rid, state) VALUES ($1, $2, $3) ON CONFLICT (tbl, rid) DO UPDATE SET state = excluded.state",
            key + [.text(String(decoding: RowVersionJSON.encode(joined), as: UTF8.self))])
    }

    /// The retained view stored for `key`, if any.
    func loadRetained(_ key: RowKey, in session: PostgresSession) async throws -> RowVersion? {
        guard let bytes = try await session.rows(
            "SELECT state FROM retained WHERE tbl = $1 AND rid = $2", [.text(key.table), .text(key.id)]
        ).first?.bytes(0) else { return nil }
        return try decodeState(bytes, key: key)
    }

    /// A stored state, read back.
    func decodeState(_ bytes: [UInt8], key: RowKey) throws -> RowVersion {
        do {
            return try bytes.withUnsafeBytes { buffer in try RowVersionJSON.decode(buffer) }
        } catch {
            throw ServerError.corruptState(table: key.table, id: key.id, detail: JSONErrorSummary.describe(error))
        }
    }
}
