import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

/// The server tells a replica it is behind its own past (a restored or second copy of its file)
/// before it pushes or pulls anything, refuses a push that reuses a counter with other content, and
/// records the replica a fork took over from.
@Suite struct ReplicaLineageTests {
    let crema = Fixture.authenticated("crema")

    func pushed(_ fixture: Fixture, counter: UInt64, cuts: [Cut]) async throws {
        let lab = Rows.insert("lab", id: "l\(counter)", ["site_id": .text("crema"), "title": .text("Orti")], by: Replicas.crema, counter: counter)
        _ = try await fixture.store.push(Rows.changeSet([lab], from: Replicas.crema, site: "crema"), cuts: cuts, from: crema)
    }

    @Test func aReplicaWhoseCounterIsBelowWhatTheServerHoldsFromItIsToldToFork() async throws {
        let fixture = try await Fixture()
        try await pushed(fixture, counter: 3, cuts: [Cut(counter: 3, tag: "00000000000000a3")])
        let current = try await fixture.store.handshake(replica: Replicas.crema, counter: 3, cuts: [], forkedFrom: nil, site: crema)
        #expect(current.forked == false && current.acknowledgedCounter == 3)
        let restored = try await fixture.store.handshake(replica: Replicas.crema, counter: 2, cuts: [], forkedFrom: nil, site: crema)
        #expect(restored.forked == true)
        let older = try await fixture.store.handshake(replica: Replicas.crema, site: crema)
        #expect(older.forked == false, "an older client that says nothing of its past is not judged")
    }

    @Test func aWriteNumberHeldWithAnotherTagMeansASecondCopyAtHandshakeAndAtPush() async throws {
        let fixture = try await Fixture()
        try await pushed(fixture, counter: 2, cuts: [Cut(counter: 2, tag: "00000000000000a2")])
        let same = try await fixture.store.handshake(
            replica: Replicas.crema, counter: 2, cuts: [Cut(counter: 2, tag: "00000000000000a2")], forkedFrom: nil, site: crema)
        #expect(same.forked == false, "the same write sent again (its acknowledgement was lost) is no copy")
        let other = try await fixture.store.handshake(
            replica: Replicas.crema, counter: 2, cuts: [Cut(counter: 2, tag: "00000000000000b2")], forkedFrom: nil, site: crema)
        #expect(other.forked == true)
        let error = await #expect(throws: ServerError.self) {
            try await pushed(fixture, counter: 2, cuts: [Cut(counter: 2, tag: "00000000000000b2")])
        }
        #expect(error?.code == "replica_forked")
        try await fixture.app().test(.router) { client in
            let lab = Rows.insert("lab", id: "lx", ["site_id": .text("crema")], by: Replicas.crema, counter: 2)
            let body = try JSONEncoder().encode(Rows.changeSet([lab], from: Replicas.crema, site: "crema"))
            let refused = try await client.execute(
                uri: "/v1/push?cuts=2.00000000000000b2", method: .post, headers: .bearer(fixture.tokens["crema"]),
                body: ByteBuffer(data: body))
            #expect(refused.status == .conflict)
            #expect(String(buffer: refused.body).contains("replica_forked"))
            let malformed = try await client.execute(
                uri: "/v1/push?cuts=2.xyz", method: .post, headers: .bearer(fixture.tokens["crema"]), body: ByteBuffer(data: body))
            #expect(malformed.status == .badRequest)
        }
    }

    @Test func aForkIsRecordedOnceWithTheReplicaItTookOverFromAndShownInStatusAndAudit() async throws {
        let fixture = try await Fixture()
        let fork = ReplicaID("crema-pc-1-fork")
        _ = try await fixture.store.handshake(replica: fork, counter: 1, cuts: [], forkedFrom: Replicas.crema, site: crema)
        _ = try await fixture.store.handshake(replica: fork, counter: 1, cuts: [], forkedFrom: Replicas.crema, site: crema)
        let stranger = ReplicaID("cremona-pc-1-fork")
        _ = try await fixture.store.handshake(
            replica: stranger, counter: 0, cuts: [], forkedFrom: Replicas.crema, site: Fixture.authenticated("cremona"))
        let status = try await fixture.store.status(for: .centralOffice)
        let progress = status.sites.flatMap(\.replicas)
        #expect(progress.first { $0.replica == fork.rawValue }?.forkedFrom == Replicas.crema.rawValue)
        #expect(progress.first { $0.replica == stranger.rawValue }?.forkedFrom == nil, "another site's replica is no fork of it")
        #expect(status.textTable().contains("replica crema-pc-1 was restored from an older copy"))
        let audit = try await fixture.store.auditEntries(since: 0, limit: 100).entries.filter { $0.action == "fork" }
        #expect(audit.count == 1)
        #expect(audit.first?.note?.contains("now syncs as crema-pc-1-fork") == true)
        try await fixture.app().test(.router) { client in
            let page = try await client.dashboard(headers: .bearer(fixture.tokens["hq"])).text
            #expect(page.contains("took over from crema-pc-1, restored from an older copy"))
        }
    }
}
