/// One issued token as the central office may see it: an id, when it was issued and revoked, never the
/// secret. The id is the first 12 hex digits of the token's SHA-256 (already what the store keeps), so it
/// names the token without revealing anything that lets anyone sync.
public struct TokenRecord: Sendable, Equatable, Codable {
    /// The token's id: the first ``TokenRecord/idLength`` hex digits of its SHA-256.
    public let id: String
    /// The site the token belongs to.
    public let site: String
    /// When it was issued (ISO-8601, UTC).
    public let created: String
    /// When it was revoked, or nil while it is valid.
    public let revoked: String?

    /// How many hex digits of the hash make a token id.
    public static let idLength = 12

    /// The id of the token whose SHA-256 hex is `tokenHash`.
    static func id(ofHash tokenHash: String) -> String { String(tokenHash.prefix(idLength)) }
}
