import Foundation
import HTTPTypes
import Hummingbird
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

    /// The page as a response to `request`: its document, and the headers that tell where the next
    /// page starts (`FareLegami-Page-More`, `-Through`, and a snapshot page's `-After`), so a client
    /// can ask for the next page while it still decodes this one (protocol/SYNC.md, "Paging ahead").
    func response(for request: Request) -> Response {
        var response = JSONReply.response(json: encoded(), for: request)
        response.headers[PageHeaders.more] = more ? "1" : "0"
        response.headers[PageHeaders.through] = String(through)
        if more, let scanEnd {
            response.headers[PageHeaders.after] = scanEnd.addingPercentEncoding(withAllowedCharacters: PageHeaders.unreserved)
        }
        return response
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

/// The names of the headers a pull or snapshot page carries beside its document.
enum PageHeaders {
    /// `1` when more pages follow (the document's `more`), else `0`.
    static let more = HTTPField.Name("FareLegami-Page-More")!
    /// The document's `through`.
    static let through = HTTPField.Name("FareLegami-Page-Through")!
    /// A snapshot page's last key read, percent-encoded (UTF-8; every byte but A–Z, a–z, 0–9, `-._~`).
    static let after = HTTPField.Name("FareLegami-Page-After")!
    /// The bytes a header carries as they are.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
