import SyncCore
import SyncProtocol

/// The site a request's bearer token belongs to: who is asking, for authorization decisions.
public struct AuthenticatedSite: Sendable, Hashable, Codable {
    /// The site id (`crema`, `cremona`, `casalmaggiore`, `hq`).
    public let site: String
    /// Whether the site is the central office, which receives every site's rows and may write them.
    public let central: Bool

    /// The site `site`, central or not.
    public init(site: String, central: Bool) {
        self.site = site
        self.central = central
    }

    /// Whether this site may receive `row` (central sees all; see `Catalog.site(_:mayReceive:)`).
    func mayReceive(_ row: RowVersion, catalog: Catalog) -> Bool {
        central || catalog.site(site, mayReceive: row)
    }
}

/// Rules for site ids, shared by the store and the command line.
public enum SiteID {
    /// Whether `site` is a usable site id: 1 to 40 lower-case letters, digits, '-' or '_'.
    public static func isValid(_ site: String) -> Bool {
        !site.isEmpty && site.utf8.count <= 40
            && site.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    /// Whether `site` is the central office: the catalog's central site, the only one that is central.
    public static func isCentral(_ site: String) -> Bool { site == Catalog.centralSite }
}

extension AuthenticatedSite {
    /// Fails unless `replica`, registered to `owner` (nil: not registered), is a replica of this site.
    func requireOwnReplica(_ replica: ReplicaID, registeredTo owner: String?) throws(ServerError) {
        switch owner {
        case nil:
            throw .forbidden("replica \(replica) is not registered: call POST /v1/handshake with it first")
        case let owner? where owner != site:
            throw .forbidden("replica \(replica) belongs to site \(owner), not \(site): use that site's token")
        default:
            break
        }
    }
}
