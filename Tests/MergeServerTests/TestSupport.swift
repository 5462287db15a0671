import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import SyncWire

/// A fresh server store in its own temporary directory, with a token for crema, cremona and hq and
/// one registered replica per site. Removed when the fixture goes away.
final class Fixture: Sendable {
    let directory: String
    /// The store: SQLite, or PostgreSQL when the run names a cluster (`TestStore`).
    let store: any AdministeredStore
    let configuration: ServerConfiguration
    let tokens: [String: String]
    /// The metrics the store counts in and the app emits at `GET /metrics`.
    let metrics = ServerMetrics()

    static let sites = ["crema", "cremona", "hq"]
    /// A fixed clock: tests never depend on the time of day.
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_780_000_000) }

    /// A fixture whose server takes `metricsToken` at `GET /metrics` besides the central office's.
    /// `sqliteOnly`: the store is a SQLite file even in a PostgreSQL run (a test of the file itself).
    init(maxBodyBytes: Int = ServerConfiguration.defaultMaxBodyBytes, metricsToken: String? = nil, sqliteOnly: Bool = false)
        async throws
    {
        directory = NSTemporaryDirectory() + "server-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/central.sqlite"
        let made = try await TestStore.make(sqlitePath: path, sqliteOnly: sqliteOnly, metrics: metrics, now: Self.clock)
        store = made.store
        var configuration = ServerConfiguration(databasePath: made.address, port: 0, maxBodyBytes: maxBodyBytes)
        configuration.metricsTokenHash = metricsToken.map(AccessToken.hash)
        self.configuration = configuration
        var tokens: [String: String] = [:]
        for site in Self.sites {
            tokens[site] = try await store.issueToken(site: site, central: site == "hq")
            _ = try await store.handshake(replica: Replicas.of(site), site: Self.authenticated(site))
        }
        self.tokens = tokens
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// The application under test, over this fixture's store; `now` is the dashboard's clock.
    func app(now: @escaping @Sendable () -> Date = Fixture.clock) -> some ApplicationProtocol {
        buildApplication(store: store, configuration: configuration, metrics: metrics, now: now)
    }

    static func authenticated(_ site: String) -> AuthenticatedSite {
        AuthenticatedSite(site: site, central: site == "hq")
    }

    /// Everything the store holds, as the central office sees it: the latest sequence, every row
    /// and the open conflicts. Equal snapshots mean the store did not change.
    func snapshot() async throws -> StoreSnapshot {
        let page = try await store.pull(replica: Replicas.hq, since: 0, limit: 5_000, for: Self.authenticated("hq"))
        let status = try await store.status(for: Self.authenticated("hq"))
        return StoreSnapshot(latestSequence: page.latestSequence, rows: page.rows, conflicts: status.openConflicts)
    }
}

struct StoreSnapshot: Equatable {
    let latestSequence: UInt64
    let rows: [RowVersion]
    let conflicts: [String: Int]
}

/// The replicas the fixture registers, one per site.
enum Replicas {
    static let crema = ReplicaID("crema-pc-1")
    static let cremona = ReplicaID("cremona-pc-1")
    static let hq = ReplicaID("hq-pc-1")

    static func of(_ site: String) -> ReplicaID { ReplicaID("\(site)-pc-1") }
}

/// Row versions built the way a replica builds them.
enum Rows {
    static func insert(
        _ table: String, id: String, _ values: [String: FieldValue], by replica: ReplicaID, counter: UInt64
    ) -> RowVersion {
        RowVersion.afterLocalWrite(
            .insert(values: values), previous: nil, table: table, id: id, columns: columns(of: table),
            dot: Dot(replica: replica, counter: counter))
    }

    static func update(_ row: RowVersion, _ values: [String: FieldValue], by replica: ReplicaID, counter: UInt64)
        -> RowVersion
    {
        RowVersion.afterLocalWrite(
            .update(values: values), previous: row, table: row.table, id: row.id, columns: columns(of: row.table),
            dot: Dot(replica: replica, counter: counter))
    }

    static func household(_ id: String, site: String, by replica: ReplicaID, counter: UInt64 = 1) -> RowVersion {
        insert(
            "household", id: id, ["site_id": .text(site), "code": .text("HH-\(id)"), "adults": .integer(2)],
            by: replica, counter: counter)
    }

    static func partner(_ id: String, name: String, site: String, by replica: ReplicaID, counter: UInt64 = 1)
        -> RowVersion
    {
        insert("partner", id: id, ["site_id": .text(site), "name": .text(name), "role": .text("partner")], by: replica, counter: counter)
    }

    static func changeSet(_ rows: [RowVersion], from replica: ReplicaID, site: String) -> ChangeSet {
        ChangeSet(schemaVersion: Catalog.farelegami.schemaVersion, origin: replica, site: site, since: 0, through: 1, rows: rows)
    }

    private static func columns(of table: String) -> [String] {
        Catalog.farelegami.table(named: table)?.columnNames ?? []
    }
}

extension TestClientProtocol {
    func handshake(_ replica: String, token: String?, protocolVersion: Int = 1, schemaVersion: Int = 1)
        async throws -> TestResponse
    {
        let body = #"{"protocolVersion":\#(protocolVersion),"schemaVersion":\#(schemaVersion),"replica":"\#(replica)"}"#
        return try await execute(uri: "/v1/handshake", method: .post, headers: .bearer(token), body: ByteBuffer(string: body))
    }

    func push(_ changeSet: ChangeSet, token: String?) async throws -> TestResponse {
        try await push(bytes: ChangeSetCodec.encode(changeSet), token: token)
    }

    func push(bytes: [UInt8], token: String?, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = HTTPFields.bearer(token)
        fields.append(contentsOf: headers)
        return try await execute(uri: "/v1/push", method: .post, headers: fields, body: ByteBuffer(bytes: bytes))
    }

    func pull(_ replica: ReplicaID, since: UInt64 = 0, limit: Int? = nil, token: String?, headers: HTTPFields = [:])
        async throws -> TestResponse
    {
        var uri = "/v1/pull?replica=\(replica)&since=\(since)"
        if let limit { uri += "&limit=\(limit)" }
        var fields = HTTPFields.bearer(token)
        fields.append(contentsOf: headers)
        return try await execute(uri: uri, method: .get, headers: fields)
    }

    func status(token: String?) async throws -> TestResponse {
        try await execute(uri: "/v1/status", method: .get, headers: .bearer(token))
    }
}

extension HTTPFields {
    static func bearer(_ token: String?) -> HTTPFields {
        guard let token else { return [:] }
        return [.authorization: "Bearer \(token)"]
    }
}

extension TestResponse {
    /// The body decoded as `type`.
    func decoded<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(body.readableBytesView))
    }

    /// The error body of a 4xx/5xx answer.
    var errorBody: ErrorBody? { try? decoded(ErrorBody.self) }

    var text: String { String(buffer: body) }
}

extension ChangeStore {
    /// A handshake of a replica that says nothing of its own past (as an older client's).
    func handshake(replica: ReplicaID, site: AuthenticatedSite) async throws(ServerError) -> HandshakeReply {
        try await handshake(replica: replica, counter: nil, cuts: [], forkedFrom: nil, schemaVersion: nil, site: site)
    }
}
