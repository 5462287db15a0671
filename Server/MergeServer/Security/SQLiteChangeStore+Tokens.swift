import SQLiteDatabase
import SyncCore

extension SQLiteChangeStore {
    /// Every token of `site` (all sites when nil), oldest first: ids and dates, never a secret.
    public func tokens(site: String?) throws(ServerError) -> [TokenRecord] {
        try ServerError.wrap("listing tokens") {
            try connection.query(
                "SELECT token_hash, site_id, created_at, revoked_at FROM tokens WHERE ?1 IS NULL OR site_id = ?1 "
                    + "ORDER BY created_at, token_hash",
                [site.map(SQLValue.text) ?? .null]
            ).map { columns in
                TokenRecord(
                    id: TokenRecord.id(ofHash: columns[0].text ?? ""), site: columns[1].text ?? "",
                    created: columns[2].text ?? "", revoked: columns[3].text)
            }
        }
    }

    /// Revokes the one token whose id is `id`; every request with it is refused (401) from now on.
    /// Returns the token's site.
    ///
    /// - Throws: `ServerError.badRequest` (`bad_parameter`) when no valid token has that id.
    public func revokeToken(id: String) throws(ServerError) -> String {
        let matching = try tokens(site: nil).filter { $0.id == id.lowercased() && $0.revoked == nil }
        guard matching.count == 1, let token = matching.first else {
            throw .badRequest(
                code: "bad_parameter",
                message: "no valid token has id '\(id.prefix(40))': list them with 'farelegami-server site tokens list SITE'")
        }
        try ServerError.wrap("revoking token \(token.id)") {
            try connection.run(
                "UPDATE tokens SET revoked_at = ? WHERE substr(token_hash, 1, ?) = ? AND revoked_at IS NULL",
                [.text(timestamp()), .integer(Int64(TokenRecord.idLength)), .text(token.id)])
        }
        return token.site
    }

    /// Issues a new token for the existing `site` and then revokes all its other tokens, in one
    /// transaction; returns the new token (shown once) and how many old ones were revoked.
    ///
    /// - Throws: `ServerError.badRequest` (`bad_parameter`) when the site was never added.
    public func rotateToken(site: String) throws(ServerError) -> (token: String, revoked: Int) {
        let token = AccessToken.generate()
        let hash = AccessToken.hash(token)
        let time = timestamp()
        return try ServerError.wrap("rotating the token of site \(site)") {
            try connection.transaction {
                guard let central = try connection.query("SELECT central FROM sites WHERE site_id = ?", [.text(site)])
                    .first?[0].integer
                else {
                    throw ServerError.badRequest(
                        code: "bad_parameter", message: "no site '\(site)': add it with 'farelegami-server site add \(site)'")
                }
                try connection.run(
                    "INSERT INTO tokens (token_hash, site_id, central, created_at) VALUES (?, ?, ?, ?)",
                    [.text(hash), .text(site), .integer(central), .text(time)])
                try connection.run(
                    "UPDATE tokens SET revoked_at = ? WHERE site_id = ? AND token_hash <> ? AND revoked_at IS NULL",
                    [.text(time), .text(site), .text(hash)])
                return (token, connection.changes)
            }
        }
    }
}
