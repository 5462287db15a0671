import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing
import SyncWire

@Suite struct RequestValidationTests {
    static let valid = String(
        decoding: ChangeSetCodec.encode(
            Rows.changeSet([Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)], from: Replicas.crema, site: "crema")),
        as: UTF8.self)

    /// Bodies a client might send by mistake, with the status and error code each gets.
    static let badBodies: [(String, String, Int, String)] = [
        ("malformed JSON", "{not json", 400, "malformed_request"),
        ("truncated JSON", String(valid.prefix(valid.count / 2)), 400, "malformed_request"),
        ("empty body", "", 400, "malformed_request"),
        ("another document", #"{"hello":"world"}"#, 400, "malformed_request"),
        ("unknown table", valid.replacingOccurrences(of: #""table":"partner""#, with: #""table":"partners""#), 400, "unknown_table"),
        ("local table", valid.replacingOccurrences(of: #""table":"partner""#, with: #""table":"person_identity""#), 400, "unknown_table"),
        ("unknown column", valid.replacingOccurrences(of: #""legal_form""#, with: #""legal_shape""#), 400, "unknown_column"),
        ("value outside the allowed ones", valid.replacingOccurrences(of: #""partner"]"#, with: #""boss"]"#), 400, "invalid_value"),
        ("wrong protocol version", valid.replacingOccurrences(of: #""protocolVersion":1"#, with: #""protocolVersion":2"#), 409, "protocol_version"),
        ("wrong schema version", valid.replacingOccurrences(of: #""schemaVersion":1"#, with: #""schemaVersion":7"#), 409, "schema_version"),
    ]

    @Test(arguments: badBodies)
    func aBadPushIsRefusedWithAJSONErrorAndChangesNothing(
        _ name: String, body: String, status: Int, code: String
    ) async throws {
        #expect(body != Self.valid, "the mutation of '\(name)' must apply")
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let before = try await fixture.snapshot()
            let response = try await client.push(bytes: Array(body.utf8), token: fixture.tokens["crema"])
            #expect(response.status.code == status, "\(name): \(response.text)")
            #expect(response.errorBody?.error.code == code, "\(name): \(response.text)")
            #expect(response.errorBody?.error.message.isEmpty == false)
            #expect(try await fixture.snapshot() == before)
        }
    }

    @Test func theValidBodyOfTheTableAboveIsAccepted() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.push(bytes: Array(Self.valid.utf8), token: fixture.tokens["crema"])
            #expect(response.status == .ok, "\(response.text)")
        }
    }

    @Test func aBodyOverTheLimitIsRefusedWith413() async throws {
        let fixture = try await Fixture(maxBodyBytes: 1_024)
        let rows = (0..<20).map { Rows.partner("p\($0)", name: "Partner \($0)", site: "crema", by: Replicas.crema, counter: UInt64($0 + 1)) }
        let body = ChangeSetCodec.encode(Rows.changeSet(rows, from: Replicas.crema, site: "crema"))
        #expect(body.count > 1_024)
        try await fixture.app().test(.router) { client in
            let response = try await client.push(bytes: body, token: fixture.tokens["crema"])
            #expect(response.status == .contentTooLarge)
            #expect(response.errorBody?.error.code == "body_too_large")
        }
    }

    @Test(arguments: ["since=-1", "since=abc", "limit=0", "limit=x"])
    func badPullParametersAreRefused(query: String) async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/pull?replica=crema-pc-1&\(query)", method: .get, headers: .bearer(fixture.tokens["crema"]))
            #expect(response.status == .badRequest)
            #expect(response.errorBody?.error.code == "bad_parameter")
        }
    }

    @Test func pullWithoutReplicaIsRefused() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/v1/pull", method: .get, headers: .bearer(fixture.tokens["crema"]))
            #expect(response.status == .badRequest)
        }
    }

    @Test func anUnknownEndpointAnswersAJSON404() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/v2/push", method: .post)
            #expect(response.status == .notFound)
            #expect(response.errorBody?.error.code == "not_found")
        }
    }

    @Test func aMalformedHandshakeIsRefused() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/handshake", method: .post, headers: .bearer(fixture.tokens["crema"]), body: ByteBuffer(string: "{\"replica\":"))
            #expect(response.status == .badRequest)
            #expect(response.errorBody?.error.code == "malformed_request")
            let badID = try await client.handshake("bad id!", token: fixture.tokens["crema"])
            #expect(badID.status == .badRequest)
        }
    }

    @Test func aHandshakeListingTooManyHeldBackRowsIsRefusedAndAValidListIsKept() async throws {
        let fixture = try await Fixture()
        let row = #"{"table":"household","id":"h-1","column":"adults","reason":"'two' is not a whole number","since":"2026-05-04T17:02:10Z"}"#
        @Sendable func hello(_ rows: Int, total: Int) -> ByteBuffer {
            let listed = Array(repeating: row, count: rows).joined(separator: ",")
            return ByteBuffer(
                string: #"{"protocolVersion":1,"schemaVersion":1,"replica":"crema-pc-1","heldBack":{"total":\#(total),"rows":[\#(listed)]}}"#)
        }
        try await fixture.app().test(.router) { client in
            let tooMany = try await client.execute(
                uri: "/v1/handshake", method: .post, headers: .bearer(fixture.tokens["crema"]),
                body: hello(HeldBackReport.maxRows + 1, total: HeldBackReport.maxRows + 1))
            #expect(tooMany.status == .badRequest)
            let fewerThanListed = try await client.execute(
                uri: "/v1/handshake", method: .post, headers: .bearer(fixture.tokens["crema"]), body: hello(2, total: 1))
            #expect(fewerThanListed.status == .badRequest)
            let valid = try await client.execute(
                uri: "/v1/handshake", method: .post, headers: .bearer(fixture.tokens["crema"]), body: hello(1, total: 3))
            #expect(valid.status == .ok)
        }
        let status = try await fixture.store.status(for: .centralOffice)
        let replica = status.sites.first { $0.site == "crema" }?.replicas.first { $0.replica == "crema-pc-1" }
        #expect(replica?.heldBack?.total == 3)
        #expect(replica?.heldBack?.rows.first?.reason == "'two' is not a whole number")
    }
}
