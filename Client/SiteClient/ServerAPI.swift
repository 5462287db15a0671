import Foundation
import ReplicaStore
import SyncCore
import SyncWire

/// The merge server's HTTP API (protocol/SYNC.md) over one reused libcurl handle.
///
/// Not `Sendable`: it owns the curl handle; one sync uses it at a time.
final class ServerAPI {
    private let http: CurlHTTPClient
    private let baseURL: String
    private let token: String
    /// The replica's catalog, replaced when it moves to a newer one.
    var catalog: Catalog {
        didSet { pulledRowsCatalog = catalog.acceptingAnyEnumeratedValue }
    }
    /// What pulled rows are checked against: the replica's catalog with its enumerations open (a
    /// newer schema version may allow more values; the replica keeps them in the row's state).
    private var pulledRowsCatalog: Catalog

    init(baseURL: String, token: String, options: TransportOptions, catalog: Catalog) throws(SyncError) {
        do {
            http = try CurlHTTPClient(options: options)
        } catch {
            throw .transport(error)
        }
        self.baseURL = baseURL
        self.token = token
        self.catalog = catalog
        self.pulledRowsCatalog = catalog.acceptingAnyEnumeratedValue
    }

    /// Says who the replica is, with its own past (`lineage`) so that the server can tell a copy of it,
    /// once, the replica it took over from (`forkedFrom`), and the rows it holds back from sync (`heldBack`).
    func handshake(
        replica: ReplicaID, lineage: Lineage, forkedFrom: ReplicaID? = nil, heldBack: HeldBackReport? = nil
    ) throws(SyncError) -> HandshakeReply {
        let request = HandshakeRequest(
            protocolVersion: ProtocolVersion.current, schemaVersion: catalog.schemaVersion, replica: replica.rawValue,
            counter: lineage.counter, cuts: lineage.cuts, forkedFrom: forkedFrom?.rawValue, heldBack: heldBack)
        return try decode(HandshakeReply.self, from: send("POST", "/v1/handshake", body: encode(request)))
    }

    /// The server's catalog of schema version `version` (its newest when nil; `GET /v1/catalog`), checked.
    func catalog(version: Int?) throws(SyncError) -> Catalog {
        let response = try send("GET", "/v1/catalog" + (version.map { "?version=\($0)" } ?? ""), body: [])
        do {
            return try Catalog(json: response.body)
        } catch .catalogFromNewerBuild(let form, let supported) {
            throw .local(detail: "the server's schema version \(version.map(String.init) ?? "") is written in catalog form \(form), this build reads up to \(supported): install a newer farelegami")
        } catch {
            throw .badResponse(detail: "catalog version \(version.map(String.init) ?? "(newest)"): \(error)")
        }
    }

    /// Pushes a change set already encoded as its JSON document, naming the pushing replica's
    /// unacknowledged writes (`cuts`).
    func push(document: ChangeSetDocument, cuts: [Cut]) throws(SyncError) -> PushReceipt {
        let path = cuts.isEmpty ? "/v1/push" : "/v1/push?cuts=\(Cut.queryText(cuts))"
        return try decode(PushReceipt.self, from: send("POST", path, body: document.bytes))
    }

    /// The page of changes after `since` as it arrived, decoded later (`ArrivedPage.decoded()`: every
    /// row validated against the catalog).
    func fetchPull(replica: ReplicaID, since: UInt64, limit: Int) throws(SyncError) -> ArrivedPage {
        try arrivedPage(at: "/v1/pull?replica=\(replica.rawValue)&since=\(since)&limit=\(limit)")
    }

    /// A page of the ordered snapshot of `table` (rows with keys after `after`, last changed at or below
    /// `upTo`; 0: the server's newest sequence, which the page's `through` then gives) as it arrived,
    /// decoded later.
    func fetchSnapshot(replica: ReplicaID, table: String, after: String, upTo: UInt64, limit: Int) throws(SyncError)
        -> ArrivedPage
    {
        var query = URLComponents()
        query.queryItems = [
            URLQueryItem(name: "replica", value: replica.rawValue), URLQueryItem(name: "table", value: table),
            URLQueryItem(name: "after", value: after), URLQueryItem(name: "upTo", value: String(upTo)),
            URLQueryItem(name: "limit", value: String(limit)),
        ]
        // Ids may hold any character: '+' too, which a query reads as a space unless escaped.
        let encoded = (query.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return try arrivedPage(at: "/v1/snapshot?" + encoded)
    }

    /// The pull or snapshot page at `path` as it arrived, with the catalog its rows are checked against.
    private func arrivedPage(at path: String) throws(SyncError) -> ArrivedPage {
        ArrivedPage(response: try send("GET", path, body: []), catalog: pulledRowsCatalog)
    }

    func send(_ method: String, _ path: String, body: [UInt8]) throws(SyncError) -> HTTPResponse {
        var headers: [(name: String, value: String)] = [("Authorization", "Bearer \(token)"), ("Accept", "application/json")]
        if !body.isEmpty { headers.append(("Content-Type", "application/json")) }
        let response: HTTPResponse
        do {
            response = try http.send(HTTPRequest(method: method, url: baseURL + path, headers: headers, body: body))
        } catch {
            throw .transport(error)
        }
        guard (200..<300).contains(response.status) else {
            if let error = try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body)) {
                throw .server(status: response.status, code: error.error.code, message: error.error.message)
            }
            throw .server(status: response.status, code: "http_\(response.status)", message: "no error details in the answer")
        }
        return response
    }

    private func encode(_ value: some Encodable) -> [UInt8] {
        // Encoding plain value types cannot fail.
        Array(try! JSONEncoder().encode(value))  // swiftlint:disable:this force_try
    }

    func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse) throws(SyncError) -> T {
        try Self.decode(type, from: response)
    }

    /// `decode(_:from:)` for any thread (it touches no state of the API).
    static func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse) throws(SyncError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw .badResponse(detail: JSONErrorSummary.describe(error))
        }
    }
}
