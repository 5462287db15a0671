/// The answer to `POST /v1/replicas/{replica}/retire`: the replica retired, its site and when.
public struct RetireReceipt: Sendable, Codable, Equatable {
    /// The replica id.
    public var replica: String
    /// Its site.
    public var site: String
    /// When it was retired (ISO-8601 UTC); retiring it again keeps the first time.
    public var retiredAt: String

    /// A receipt with every field given.
    public init(replica: String, site: String, retiredAt: String) {
        self.replica = replica
        self.site = site
        self.retiredAt = retiredAt
    }
}
