import SyncCore
import SyncProtocol
import SyncWire

/// A pull page as the store produces it: the JSON document `GET /v1/pull` answers with (the rows'
/// stored states copied as they are, never decoded), and what the audit log and metrics count.
public struct EncodedPullPage: Sendable {
    /// The `PullPage` document.
    public let json: [UInt8]
    /// How many rows the page carries, by table.
    public let rowsByTable: [String: Int]
    /// How many rows the page carries.
    public var rowCount: Int { rowsByTable.values.reduce(0, +) }
    /// How many rows it tells the replica to forget.
    public let forgetCount: Int

    /// The page decoded (for tools and tests: the server sends `json` as it is).
    public func decoded() throws(ServerError) -> PullPage {
        guard let page = json.withUnsafeBytes({ WireJSON.pullPage($0) }) else {
            throw ServerError.corruptState(table: "rows", id: "(pull page)", detail: "a stored state is not valid JSON")
        }
        return page
    }
}

extension ChangeStore {
    /// `pullPage(replica:since:limit:for:)`, decoded.
    public func pull(replica: ReplicaID, since: UInt64, limit: Int, for site: AuthenticatedSite) async throws(ServerError)
        -> PullPage
    {
        try await pullPage(replica: replica, since: since, limit: limit, for: site).decoded()
    }
}
