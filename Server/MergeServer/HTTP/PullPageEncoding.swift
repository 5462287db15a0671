import SyncProtocol
import SyncWire

extension StoredPullPage {
    /// The page as the `GET /v1/pull` document: stored states copied as they are, made ones encoded.
    public func encoded() -> [UInt8] {
        var builder = WireJSON.PullPageBuilder(expectedBytes: entries.count * 400)
        for entry in entries {
            switch entry {
            case .row(let state): Self.append(state, retained: false, to: &builder)
            case .retained(let state): Self.append(state, retained: true, to: &builder)
            case .forget(let key): builder.appendForget(key)
            }
        }
        return builder.finish(epoch: epoch, through: through, more: more, latestSequence: latestSequence)
    }

    /// The page decoded from its document (for tools and tests: the server sends `encoded()`).
    public func decoded() throws(ServerError) -> PullPage {
        guard let page = encoded().withUnsafeBytes({ WireJSON.pullPage($0) }) else {
            throw ServerError.corruptState(table: "rows", id: "(pull page)", detail: "a stored state is not valid JSON")
        }
        return page
    }

    private static func append(_ state: State, retained: Bool, to builder: inout WireJSON.PullPageBuilder) {
        switch state {
        case .stored(let json): json.withUnsafeBytes { builder.appendRow(json: $0, retained: retained) }
        case .made(let row): builder.appendRow(row, retained: retained)
        }
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
