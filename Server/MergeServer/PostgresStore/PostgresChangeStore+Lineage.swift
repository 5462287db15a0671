import Foundation
import SyncCore
import SyncProtocol

extension PostgresChangeStore {
    /// The highest counter of `replica`'s own writes the store holds (0: none).
    func acknowledgedCounter(of replica: ReplicaID, in session: PostgresSession) async throws -> UInt64 {
        let found = try await session.rows(
            "SELECT greatest(coalesce((SELECT max(counter) FROM dot_times WHERE replica_id = $1), 0), "
                + "coalesce((SELECT max(counter) FROM replica_cuts WHERE replica_id = $1), 0))",
            [.text(replica.rawValue)])
        return UInt64(try found.first?.integer(0) ?? 0)
    }

    /// The first of `cuts` the store holds from `replica` with another tag.
    func firstMismatchedCut(of replica: ReplicaID, in cuts: [Cut], session: PostgresSession) async throws -> Cut? {
        guard !cuts.isEmpty else { return nil }
        var held: [UInt64: String] = [:]
        for row in try await session.rows(
            "SELECT counter, tag FROM replica_cuts WHERE replica_id = $1 AND counter = ANY($2::bigint[])",
            [.text(replica.rawValue), .integers(cuts.map { Int64(clamping: $0.counter) })])
        {
            if let counter = try row.integer(0), let tag = try row.text(1) { held[UInt64(counter)] = tag }
        }
        return cuts.first { cut in held[cut.counter].map { $0 != cut.tag } ?? false }
    }

    /// Records the tags of `replica`'s writes a push named (inside the push's transaction).
    func recordCuts(_ cuts: [Cut], of replica: ReplicaID, in session: PostgresSession) async throws {
        guard !cuts.isEmpty else { return }
        try await session.rows(
            "INSERT INTO replica_cuts (replica_id, counter, tag) SELECT $1, * FROM unnest($2::bigint[], $3::text[]) "
                + "ON CONFLICT (replica_id, counter) DO NOTHING",
            [.text(replica.rawValue), .integers(cuts.map { Int64(clamping: $0.counter) }), .texts(cuts.map(\.tag))])
    }

    /// Records, at its first handshake, that `replica` took over from `previous`, a replica of the same
    /// site, and audits it; a `previous` of another site or unknown is ignored.
    func recordFork(
        of replica: ReplicaID, from previous: ReplicaID, site: AuthenticatedSite, at time: String, in session: PostgresSession
    ) async throws {
        guard try await replicaSites([previous], in: session)[previous] == site.site else { return }
        let inserted = try await session.rows(
            "INSERT INTO replica_forks (replica_id, forked_from, forked_at) VALUES ($1, $2, $3) "
                + "ON CONFLICT (replica_id) DO NOTHING RETURNING 1",
            [.text(replica.rawValue), .text(previous.rawValue), .text(time)])
        guard !inserted.isEmpty else { return }
        try await recordAudit(
            site: site, replica: replica, action: "fork", tables: [:], rows: 0, changed: 0, forgotten: 0, opened: 0,
            closed: 0, at: time, in: session)
    }

    /// Records that the writes `counters` of `origin` reached the store at `time`; a dot already
    /// recorded keeps its first time.
    func recordDotTimes(origin: ReplicaID, counters: [UInt64], at time: String, in session: PostgresSession) async throws {
        let counters = counters.filter { $0 > 0 }
        guard !counters.isEmpty else { return }
        try await session.rows(
            "INSERT INTO dot_times (replica_id, counter, received_at) SELECT $1, c, $3 FROM unnest($2::bigint[]) AS c "
                + "ON CONFLICT (replica_id, counter) DO NOTHING",
            [.text(origin.rawValue), .integers(counters.map { Int64(clamping: $0) }), .text(time)])
    }

    public func replicaDirectory(since: UInt64, limit: Int, dots: [Dot]?, for site: AuthenticatedSite)
        async throws(ServerError) -> ReplicaDirectory
    {
        try await inTransaction("reading the replicas and times of writes", isolation: "REPEATABLE READ") { session in
            let replicas = try await session.rows("SELECT replica_id, site_id, first_seen FROM replicas ORDER BY first_seen COLLATE \"C\", replica_id COLLATE \"C\"")
                .compactMap { row -> ReplicaDirectory.Entry? in
                    guard let id = try row.text(0), let site = try row.text(1) else { return nil }
                    return ReplicaDirectory.Entry(replica: id, site: site, firstSeen: try row.text(2) ?? "")
                }
            if let dots {
                var times: [ReplicaDirectory.DotTime] = []
                for dot in dots {
                    let found = try await session.rows(
                        "SELECT received_at FROM dot_times WHERE replica_id = $1 AND counter = $2",
                        [.text(dot.replica.rawValue), .integer(Int64(clamping: dot.counter))])
                    if let at = try found.first?.text(0) {
                        times.append(ReplicaDirectory.DotTime(replica: dot.replica.rawValue, counter: dot.counter, receivedAt: at))
                    }
                }
                return ReplicaDirectory(replicas: replicas, dotTimes: times, through: since, more: false)
            }
            // A cursor past the end is one of a store restored from an older backup: start again.
            let last = UInt64(try await session.rows("SELECT coalesce(max(seq), 0) FROM dot_times").first?.integer(0) ?? 0)
            let after = since > last ? 0 : since
            let rows = try await session.rows(
                "SELECT seq, replica_id, counter, received_at FROM dot_times WHERE seq > $1 ORDER BY seq LIMIT $2",
                [.integer(Int64(clamping: after)), .integer(Int64(limit))])
            let times = try rows.compactMap { row -> ReplicaDirectory.DotTime? in
                guard let replica = try row.text(1), let counter = try row.integer(2), let at = try row.text(3) else { return nil }
                return ReplicaDirectory.DotTime(replica: replica, counter: UInt64(counter), receivedAt: at)
            }
            let through = try rows.last?.integer(0).map(UInt64.init) ?? after
            return ReplicaDirectory(replicas: replicas, dotTimes: times, through: through, more: rows.count == limit)
        }
    }

    /// Writes an audit entry (table names and counts only) under the audit lock, so entries commit in
    /// id order.
    func recordAudit(
        site: AuthenticatedSite, replica: ReplicaID, action: String, tables: [String: Int], rows: Int, changed: Int,
        forgotten: Int, opened: Int, closed: Int, at time: String, in session: PostgresSession
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try await session.rows("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresSchema.auditLock)])
        try await session.rows(
            """
            INSERT INTO audit (at, site_id, replica_id, action, tables, rows, changed, forgotten, conflicts_opened,
                conflicts_closed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """,
            [
                .text(time), .text(site.site), .text(replica.rawValue), .text(action),
                .text(String(decoding: try encoder.encode(tables), as: UTF8.self)), .integer(Int64(rows)),
                .integer(Int64(changed)), .integer(Int64(forgotten)), .integer(Int64(opened)), .integer(Int64(closed)),
            ])
    }

    public func auditEntries(since: Int64, limit: Int) async throws(ServerError) -> AuditPage {
        try await withSession("reading the audit log") { session in
            let found = try await session.rows(
                """
                SELECT a.id, a.at, a.site_id, a.replica_id, a.action, a.tables, a.rows, a.changed, a.forgotten,
                    a.conflicts_opened, a.conflicts_closed, f.forked_from
                FROM audit a LEFT JOIN replica_forks f ON a.action = 'fork' AND f.replica_id = a.replica_id
                WHERE a.id > $1 ORDER BY a.id LIMIT $2
                """,
                [.integer(since), .integer(Int64(limit) + 1)])
            let decoder = JSONDecoder()
            let entries = try found.prefix(limit).map { row in
                var entry = AuditEntry(
                    id: try row.integer(0) ?? 0, at: try row.text(1) ?? "", site: try row.text(2) ?? "",
                    replica: try row.text(3) ?? "", action: try row.text(4) ?? "",
                    tables: try decoder.decode([String: Int].self, from: Data((try row.text(5) ?? "{}").utf8)),
                    rows: Int(try row.integer(6) ?? 0), changed: Int(try row.integer(7) ?? 0),
                    forgotten: Int(try row.integer(8) ?? 0), conflictsOpened: Int(try row.integer(9) ?? 0),
                    conflictsClosed: Int(try row.integer(10) ?? 0))
                entry.describeAction(forkedFrom: try row.text(11))
                return entry
            }
            return AuditPage(entries: entries, through: entries.last?.id ?? since, more: found.count > limit)
        }
    }
}
