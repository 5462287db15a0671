import Foundation
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// protocol/examples/ holds documents the server accepts and produces, so the spec cannot drift.
@Suite struct ProtocolExampleTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("protocol/examples")

    func example(_ name: String) throws -> Data {
        try Data(contentsOf: Self.examples.appendingPathComponent(name))
    }

    @Test func theExampleChangeSetIsAValidChangeSet() throws {
        let changeSet = try ChangeSetCodec.decode(Array(try example("changeset.json")), catalog: .farelegami)
        #expect(changeSet.rows.count == 2)
        #expect(changeSet.rows[1].conflictingColumns == ["adults"])
    }

    @Test func theExampleResponsesDecodeAsTheServersTypes() throws {
        let page = try JSONDecoder().decode(PullPage.self, from: try example("pull-response.json"))
        for row in page.rows { _ = try Catalog.farelegami.validate(row) }
        #expect(page.forget.count == 1)
        _ = try JSONDecoder().decode(ErrorBody.self, from: try example("error.json"))
        _ = try JSONDecoder().decode(HandshakeRequest.self, from: try example("handshake-request.json"))
        _ = try JSONDecoder().decode(HandshakeReply.self, from: try example("handshake-response.json"))
        _ = try JSONDecoder().decode(PushReceipt.self, from: try example("push-response.json"))
        _ = try JSONDecoder().decode(StatusReport.self, from: try example("status-response.json"))
    }

    @Test func theExampleChangeSetWaitsForTheCentralOfficesWritesItCarries() async throws {
        let fixture = try await Fixture()
        let changeSet = try ChangeSetCodec.decode(Array(try example("changeset.json")), catalog: .farelegami)
        let crema = Fixture.authenticated("crema")
        _ = try await fixture.store.handshake(replica: changeSet.origin, site: crema)
        _ = try await fixture.store.handshake(replica: ReplicaID("hqreplica0000000000a"), site: Fixture.authenticated("hq"))
        // The household carries a central-office write (hq:3) the server has not received yet.
        await #expect(throws: ServerError.self) { try await fixture.store.push(changeSet, from: crema) }
        var partnerOnly = changeSet
        partnerOnly.rows = [changeSet.rows[0]]
        #expect(try await fixture.store.push(partnerOnly, from: crema).changed == 1)
    }
}
