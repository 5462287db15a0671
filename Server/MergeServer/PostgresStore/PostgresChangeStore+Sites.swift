import Foundation
import SyncCore
import SyncProtocol

extension PostgresChangeStore {
    public func authenticate(tokenHash: String) async throws(ServerError) -> AuthenticatedSite? {
        try await withSession("checking the token") { session in
            let rows = try await session.rows(
                "SELECT site_id, central FROM tokens WHERE token_hash = $1 AND revoked_at IS NULL", [.text(tokenHash)])
            guard let row = rows.first, let site = try row.text(0) else { return nil }
            return AuthenticatedSite(site: site, central: try row.integer(1) == 1)
        }
    }

    public func issueToken(site: String, central: Bool) async throws(ServerError) -> String {
        guard SiteID.isValid(site) else { throw .invalidSite(site) }
        guard central == SiteID.isCentral(site) else { throw .centralMismatch(site: site) }
        let token = AccessToken.generate()
        let time = timestamp()
        try await inTransaction("adding a token for site \(site)") { session in
            try await session.rows(
                "INSERT INTO sites (site_id, central, created_at) VALUES ($1, $2, $3) ON CONFLICT (site_id) DO NOTHING",
                [.text(site), .integer(central ? 1 : 0), .text(time)])
            try await session.rows(
                "INSERT INTO tokens (token_hash, site_id, central, created_at) VALUES ($1, $2, $3, $4)",
                [.text(AccessToken.hash(token)), .text(site), .integer(central ? 1 : 0), .text(time)])
        }
        return token
    }

    /// Revokes every token of `site` and returns how many were revoked; its replicas stay registered.
    public func revokeTokens(site: String) async throws(ServerError) -> Int {
        try await withSession("revoking the tokens of site \(site)") { session in
            try await session.rows(
                "UPDATE tokens SET revoked_at = $1 WHERE site_id = $2 AND revoked_at IS NULL RETURNING 1",
                [.text(timestamp()), .text(site)]
            ).count
        }
    }

    /// Every token of `site` (all sites when nil), oldest first: ids and dates, never a secret.
    public func tokens(site: String?) async throws(ServerError) -> [TokenRecord] {
        try await withSession("listing tokens") { session in
            try await session.rows(
                "SELECT token_hash, site_id, created_at, revoked_at FROM tokens WHERE $1::text IS NULL OR site_id = $1 "
                    + "ORDER BY created_at COLLATE \"C\", token_hash COLLATE \"C\"",
                [.optional(site)]
            ).map { row in
                TokenRecord(
                    id: TokenRecord.id(ofHash: try row.text(0) ?? ""), site: try row.text(1) ?? "",
                    created: try row.text(2) ?? "", revoked: try row.text(3))
            }
        }
    }

    /// Revokes the one token whose id is `id` and returns its site.
    ///
    /// - Throws: `ServerError.badRequest` (`bad_parameter`) when no valid token has that id.
    public func revokeToken(id: String) async throws(ServerError) -> String {
        let matching = try await tokens(site: nil).filter { $0.id == id.lowercased() && $0.revoked == nil }
        guard matching.count == 1, let token = matching.first else {
            throw .badRequest(
                code: "bad_parameter",
                message: "no valid token has id '\(id.prefix(40))': list them with 'farelegami-server site tokens list SITE'")
        }
        _ = try await withSession("revoking token \(token.id)") { session in
            try await session.rows(
                "UPDATE tokens SET revoked_at = $1 WHERE substr(token_hash, 1, $2::int) = $3 AND revoked_at IS NULL",
                [.text(timestamp()), .integer(Int64(TokenRecord.idLength)), .text(token.id)])
        }
        return token.site
    }

    /// Issues a new token for the existing `site` and revokes all its other tokens, in one
    /// transaction; returns the new token (shown once) and how many old ones were revoked.
    public func rotateToken(site: String) async throws(ServerError) -> (token: String, revoked: Int) {
        let token = AccessToken.generate()
        let hash = AccessToken.hash(token)
        let time = timestamp()
        let revoked = try await inTransaction("rotating the token of site \(site)") { session in
            guard let central = try await session.rows("SELECT central FROM sites WHERE site_id = $1", [.text(site)]).first?.integer(0)
            else {
                throw ServerError.badRequest(
                    code: "bad_parameter", message: "no site '\(site)': add it with 'farelegami-server site add \(site)'")
            }
            try await session.rows(
                "INSERT INTO tokens (token_hash, site_id, central, created_at) VALUES ($1, $2, $3, $4)",
                [.text(hash), .text(site), .integer(central), .text(time)])
            return try await session.rows(
                "UPDATE tokens SET revoked_at = $1 WHERE site_id = $2 AND token_hash <> $3 AND revoked_at IS NULL RETURNING 1",
                [.text(time), .text(site), .text(hash)]
            ).count
        }
        return (token, revoked)
    }

    public func handshake(
        replica: ReplicaID, counter: UInt64?, cuts: [Cut], forkedFrom: ReplicaID?, schemaVersion: Int?,
        site: AuthenticatedSite
    ) async throws(ServerError) -> HandshakeReply {
        try await inTransaction("registering replica \(replica)") { session in
            try await refreshCatalogs(in: session)
            let catalog = self.catalog
            if let schemaVersion, versions.byVersion[schemaVersion] == nil {
                throw ServerError.schemaMismatch(client: schemaVersion, server: catalog.schemaVersion)
            }
            let time = timestamp()
            // A known replica's handshake writes nothing (a read-only commit waits for no disk). Two
            // processes may see the same new replica at once: the insert that loses changes nothing.
            var known = try await replicaSites([replica], in: session)[replica]
            var isNew = false
            if known == nil {
                isNew = try await !session.rows(
                    "INSERT INTO replicas (replica_id, site_id, first_seen) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (replica_id) DO NOTHING RETURNING 1",
                    [.text(replica.rawValue), .text(site.site), .text(time)]
                ).isEmpty
                if !isNew { known = try await replicaSites([replica], in: session)[replica] }
            }
            if isNew {
                if let forkedFrom { try await recordFork(of: replica, from: forkedFrom, site: site, at: time, in: session) }
            } else if let owner = known, owner != site.site {
                throw ServerError.forbidden(
                    "replica \(replica) is registered to site \(owner), not \(site.site): "
                        + "a replica belongs to one site; create a new replica for \(site.site)")
            }
            let acknowledged = try await acknowledgedCounter(of: replica, in: session)
            var forked = false
            if !isNew {
                let behind = counter.map { $0 < acknowledged } ?? false
                let mismatched = try await firstMismatchedCut(of: replica, in: cuts, session: session)
                let retired = try await retiredAt(of: replica.rawValue, in: session)
                forked = behind || mismatched != nil || retired != nil
            }
            if !forked {
                try await session.rows(
                    "UPDATE replicas SET schema_version = $1 WHERE replica_id = $2 AND schema_version IS DISTINCT FROM $1",
                    [.integer(Int64(schemaVersion ?? catalog.schemaVersion)), .text(replica.rawValue)])
            }
            return HandshakeReply(
                protocolVersion: ProtocolVersion.current, schemaVersion: catalog.schemaVersion, epoch: epoch,
                site: site.site, central: site.central, latestSequence: try await latestSequence(in: session),
                acknowledgedCounter: acknowledged, forked: forked)
        }
    }

    /// The site each of `replicas` is registered to (unregistered ones are absent).
    func replicaSites(_ replicas: some Collection<ReplicaID>, in session: PostgresSession) async throws -> [ReplicaID: String] {
        var sites: [ReplicaID: String] = [:]
        for row in try await session.rows(
            "SELECT replica_id, site_id FROM replicas WHERE replica_id = ANY($1::text[])", [.texts(replicas.map(\.rawValue))])
        {
            if let id = try row.text(0), let site = try row.text(1) { sites[ReplicaID(id)] = site }
        }
        return sites
    }

    /// Fails unless `replica` is registered to `site`.
    func requireReplica(_ replica: ReplicaID, of site: AuthenticatedSite, in session: PostgresSession) async throws {
        try site.requireOwnReplica(replica, registeredTo: try await replicaSites([replica], in: session)[replica])
    }

    /// The last server sequence given.
    func latestSequence(in session: PostgresSession) async throws -> UInt64 {
        try await Self.meta(StoreMeta.sequence, in: session).flatMap(UInt64.init) ?? 0
    }

    public func retire(replica: ReplicaID, by site: AuthenticatedSite) async throws(ServerError) -> RetireReceipt {
        guard site.central else { throw .forbidden("only the central office (hq) retires replicas") }
        return try await inTransaction("retiring replica \(replica)") { session in
            guard let owner = try await replicaSites([replica], in: session)[replica] else {
                throw ServerError.unknownReplica(replica.rawValue)
            }
            let time = timestamp()
            let inserted = try await session.rows(
                "INSERT INTO replica_retirements (replica_id, retired_at) VALUES ($1, $2) "
                    + "ON CONFLICT (replica_id) DO NOTHING RETURNING 1",
                [.text(replica.rawValue), .text(time)])
            if !inserted.isEmpty {
                try await recordAudit(
                    site: site, replica: replica, action: "retire", tables: [:], rows: 0, changed: 0, forgotten: 0,
                    opened: 0, closed: 0, at: time, in: session)
            }
            return RetireReceipt(
                replica: replica.rawValue, site: owner, retiredAt: try await retiredAt(of: replica.rawValue, in: session) ?? time)
        }
    }

    /// When `replica` was retired, if it was.
    func retiredAt(of replica: String, in session: PostgresSession) async throws -> String? {
        try await session.rows("SELECT retired_at FROM replica_retirements WHERE replica_id = $1", [.text(replica)]).first?.text(0)
    }

    public func recordHeldBack(_ report: HeldBackReport, replica: ReplicaID, site: AuthenticatedSite) async throws(ServerError) {
        try await inTransaction("keeping the rows replica \(replica) holds back") { session in
            try await requireReplica(replica, of: site, in: session)
            let rows = String(decoding: try JSONEncoder().encode(report.rows), as: UTF8.self)
            try await session.rows(
                "INSERT INTO replica_held_back (replica_id, total, rows, reported_at) VALUES ($1, $2, $3, $4) "
                    + "ON CONFLICT (replica_id) DO UPDATE SET total = excluded.total, rows = excluded.rows, "
                    + "reported_at = excluded.reported_at",
                [.text(replica.rawValue), .integer(Int64(report.total)), .text(rows), .text(timestamp())])
        }
    }
}
