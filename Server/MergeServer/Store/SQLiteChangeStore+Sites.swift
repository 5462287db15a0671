import SQLiteDatabase
import SyncCore
import SyncProtocol

extension SQLiteChangeStore {
    public func authenticate(tokenHash: String) throws(ServerError) -> AuthenticatedSite? {
        try ServerError.wrap("checking the token") {
            let rows = try connection.query(
                "SELECT site_id, central FROM tokens WHERE token_hash = ? AND revoked_at IS NULL", [.text(tokenHash)])
            guard let row = rows.first, let site = row[0].text else { return nil }
            return AuthenticatedSite(site: site, central: row[1].integer == 1)
        }
    }

    public func issueToken(site: String, central: Bool) throws(ServerError) -> String {
        guard SiteID.isValid(site) else { throw .invalidSite(site) }
        guard central == SiteID.isCentral(site) else { throw .centralMismatch(site: site) }
        let token = AccessToken.generate()
        let time = timestamp()
        try ServerError.wrap("adding a token for site \(site)") {
            try connection.transaction {
                try connection.run(
                    "INSERT OR IGNORE INTO sites (site_id, central, created_at) VALUES (?, ?, ?)",
                    [.text(site), .integer(central ? 1 : 0), .text(time)])
                try connection.run(
                    "INSERT INTO tokens (token_hash, site_id, central, created_at) VALUES (?, ?, ?, ?)",
                    [.text(AccessToken.hash(token)), .text(site), .integer(central ? 1 : 0), .text(time)])
            }
        }
        return token
    }

    /// Revokes every token of `site` and returns how many were revoked; its replicas stay registered.
    public func revokeTokens(site: String) throws(ServerError) -> Int {
        try ServerError.wrap("revoking the tokens of site \(site)") {
            try connection.run(
                "UPDATE tokens SET revoked_at = ? WHERE site_id = ? AND revoked_at IS NULL", [.text(timestamp()), .text(site)])
            return connection.changes
        }
    }

    public func handshake(
        replica: ReplicaID, counter: UInt64?, cuts: [Cut], forkedFrom: ReplicaID?, schemaVersion: Int?,
        site: AuthenticatedSite
    ) throws(ServerError) -> HandshakeReply {
        try refreshCatalogs()
        if let schemaVersion, catalogs[schemaVersion] == nil {
            throw ServerError.schemaMismatch(client: schemaVersion, server: catalog.schemaVersion)
        }
        return try ServerError.wrap("registering replica \(replica)") {
            try connection.transaction {
                let known = try replicaSites([replica])[replica]
                switch known {
                case nil:
                    let time = timestamp()
                    try connection.run(
                        "INSERT INTO replicas (replica_id, site_id, first_seen) VALUES (?, ?, ?)",
                        [.text(replica.rawValue), .text(site.site), .text(time)])
                    if let forkedFrom { try recordFork(of: replica, from: forkedFrom, site: site, at: time) }
                case let owner? where owner != site.site:
                    throw ServerError.forbidden(
                        "replica \(replica) is registered to site \(owner), not \(site.site): "
                            + "a replica belongs to one site; create a new replica for \(site.site)")
                default:
                    break
                }
                // A replica behind its own past is told so before it pushes or pulls anything.
                let acknowledged = try acknowledgedCounter(of: replica)
                // A retired replica that comes back takes a new identity, as a copy behind its past does.
                let forked = try known != nil
                    && (isCopyBehindItsPast(replica, counter: counter, acknowledged: acknowledged, cuts: cuts)
                        || retiredAt(of: replica.rawValue) != nil)
                // A copy told it forked says hello again under its new id: its version is recorded then,
                // not over the original's.
                if !forked {
                    try connection.run(
                        "UPDATE replicas SET schema_version = ? WHERE replica_id = ?",
                        [.integer(Int64(schemaVersion ?? catalog.schemaVersion)), .text(replica.rawValue)])
                }
                return HandshakeReply(
                    protocolVersion: ProtocolVersion.current, schemaVersion: catalog.schemaVersion, epoch: epoch,
                    site: site.site, central: site.central, latestSequence: try latestSequence(),
                    acknowledgedCounter: acknowledged, forked: forked)
            }
        }
    }

    /// The site each of `replicas` is registered to (unregistered ones are absent).
    func replicaSites(_ replicas: some Collection<ReplicaID>) throws -> [ReplicaID: String] {
        var sites: [ReplicaID: String] = [:]
        for replica in replicas {
            let rows = try connection.query("SELECT site_id FROM replicas WHERE replica_id = ?", [.text(replica.rawValue)])
            if let site = rows.first?[0].text { sites[replica] = site }
        }
        return sites
    }

    /// Fails unless `replica` is registered to `site`.
    func requireReplica(_ replica: ReplicaID, of site: AuthenticatedSite) throws {
        try site.requireOwnReplica(replica, registeredTo: try replicaSites([replica])[replica])
    }
}
