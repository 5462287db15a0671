import Foundation
import ProcessHarness
import SyncCore
import SyncProtocol
import Testing

/// The caps on concurrent values and on the replicas of one row's clock, met by a client with a
/// valid token against the real server: a 400 before anything is merged, nothing stored, the server
/// answering as before.
@Suite(.serialized) struct VersionCapProcessTests {
    enum Excess: String, CaseIterable { case siblings, clockReplicas = "clock replicas" }

    /// A partner whose name holds `values` concurrent values, written by as many replicas, with a
    /// clock naming `replicas` replicas in all.
    static func partner(values: Int, replicas: Int) -> RowVersion {
        let writers = (0..<replicas).map { ReplicaID("r\($0)") }
        let names = writers.prefix(values).map { Sibling(dot: Dot(replica: $0, counter: 1), value: .text("Nome \($0)")) }
        return RowVersion(
            table: "partner", id: "p-cap", clock: VersionVector(Dictionary(uniqueKeysWithValues: writers.map { ($0, 1) })),
            live: [Sibling(dot: names[0].dot, value: .integer(1))], fields: ["name": names])
    }

    @Test(arguments: Excess.allCases) func aVersionPastACapIsRefusedBeforeMergingAndNothingIsStored(_ excess: Excess) throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let http = RawHTTP(baseURL: fixture.server.url)
        let token = try fixture.server.token("crema")
        let hello = try http.send(
            "POST", "/v1/handshake", token: token, body: #"{"protocolVersion":1,"schemaVersion":1,"replica":"r0"}"#)
        #expect(hello.status == 200)
        let row = excess == .siblings
            ? Self.partner(values: Catalog.maxSiblings + 1, replicas: Catalog.maxSiblings + 1)
            : Self.partner(values: 1, replicas: Catalog.maxClockReplicas + 1)
        let changeSet = ChangeSet(schemaVersion: 1, origin: ReplicaID("r0"), site: "crema", since: 0, through: 1, rows: [row])
        let body = String(decoding: try JSONEncoder().encode(changeSet), as: UTF8.self)
        let started = Date()
        let answer = try http.send("POST", "/v1/push", token: token, body: body)
        #expect(answer.status == 400 && answer.errorCode == "invalid_row", "\(answer.status) \(answer.text)")
        #expect(Date().timeIntervalSince(started) < 10, "refused without merging")
        #expect(try http.send("GET", "/health", token: nil).status == 200)
        try fixture["hq"].syncOrThrow()
        #expect(try fixture["hq"].rows("partner").isEmpty, "nothing was stored")

        let allowed = excess == .siblings
            ? Self.partner(values: Catalog.maxSiblings, replicas: Catalog.maxSiblings)
            : Self.partner(values: 1, replicas: Catalog.maxClockReplicas)
        let within = ChangeSet(schemaVersion: 1, origin: ReplicaID("r0"), site: "crema", since: 0, through: 1, rows: [allowed])
        let accepted = try http.send(
            "POST", "/v1/push", token: token, body: String(decoding: try JSONEncoder().encode(within), as: UTF8.self))
        #expect(accepted.status != 400, "a version at the cap is no hostile push: \(accepted.text)")
    }
}
