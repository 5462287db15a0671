import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

/// The server times each push's writes and tells any site which office each replica is and when
/// writes arrived (`GET /v1/replicas`), and refuses a site's push that settles a conflict only the
/// central office may resolve.
@Suite struct ReplicaDirectoryTests {
    @Test func aPushIsTimedOncePerDotAndListedWithEveryReplicasSite() async throws {
        let fixture = try await Fixture()
        let lab = Rows.insert("lab", id: "l1", ["site_id": .text("crema"), "title": .text("Orti")], by: Replicas.crema, counter: 3)
        let partner = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema, counter: 3)
        let set = Rows.changeSet([lab, partner], from: Replicas.crema, site: "crema")
        _ = try await fixture.store.push(set, from: Fixture.authenticated("crema"))
        _ = try await fixture.store.push(set, from: Fixture.authenticated("crema"))
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/v1/replicas?since=0", method: .get, headers: .bearer(fixture.tokens["cremona"]))
            #expect(response.status == .ok)
            let directory = try response.decoded(ReplicaDirectory.self)
            #expect(directory.dotTimes.map { "\($0.replica):\($0.counter)" } == ["crema-pc-1:3"], "one dot, timed once")
            #expect(directory.dotTimes.first?.receivedAt == Timestamp.string(Fixture.clock()))
            #expect(Set(directory.replicas.map { "\($0.replica)=\($0.site)" }) == ["crema-pc-1=crema", "cremona-pc-1=cremona", "hq-pc-1=hq"])
            #expect(directory.more == false)
            let after = try await client.execute(
                uri: "/v1/replicas?since=\(directory.through)", method: .get, headers: .bearer(fixture.tokens["crema"]))
            #expect(try after.decoded(ReplicaDirectory.self).dotTimes.isEmpty)
            let asked = try await client.execute(
                uri: "/v1/replicas?dots=crema-pc-1:3,cremona-pc-1:9", method: .get, headers: .bearer(fixture.tokens["hq"]))
            let named = try asked.decoded(ReplicaDirectory.self)
            #expect(named.dotTimes.map { "\($0.replica):\($0.counter)" } == ["crema-pc-1:3"], "only the dots asked that it has")
            #expect(named.replicas.count == 3)
            let badDots = try await client.execute(uri: "/v1/replicas?dots=crema-pc-1", method: .get, headers: .bearer(fixture.tokens["hq"]))
            #expect(badDots.status == .badRequest)
            let unauthenticated = try await client.execute(uri: "/v1/replicas", method: .get)
            #expect(unauthenticated.status == .unauthorized)
            // A cursor past the end (a store restored from an older backup) starts again.
            let rewound = try await client.execute(uri: "/v1/replicas?since=999", method: .get, headers: .bearer(fixture.tokens["hq"]))
            #expect(try rewound.decoded(ReplicaDirectory.self).dotTimes.count == 1)
        }
    }

    /// A shared lab that crema and cremona retitled concurrently: a conflict on the server.
    private func conflictedLab(_ fixture: Fixture) async throws -> (crema: RowVersion, cremona: RowVersion) {
        let lab = Rows.insert("lab", id: "l1", ["site_id": .text("hq"), "title": .text("Orti")], by: Replicas.hq, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([lab], from: Replicas.hq, site: "hq"), from: Fixture.authenticated("hq"))
        let byCrema = Rows.update(lab, ["title": .text("Orti solidali")], by: Replicas.crema, counter: 1)
        let byCremona = Rows.update(lab, ["title": .text("Orti in comune")], by: Replicas.cremona, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([byCrema], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let receipt = try await fixture.store.push(
            Rows.changeSet([byCremona], from: Replicas.cremona, site: "cremona"), from: Fixture.authenticated("cremona"))
        #expect(receipt.conflictsOpened == 1)
        return (byCrema, byCremona)
    }

    @Test func aSitesPushThatSettlesASharedRowsConflictIsForbiddenAndChangesNothing() async throws {
        let fixture = try await Fixture()
        let (byCrema, byCremona) = try await conflictedLab(fixture)
        // Crema has seen both sides and writes over them: a resolution only hq may make.
        var seen = byCrema
        seen.clock.formMerge(with: byCremona.clock)
        seen.fields["title"] = byCrema.fields["title"]! + byCremona.fields["title"]!
        let settled = Rows.update(seen, ["title": .text("Orti di Crema")], by: Replicas.crema, counter: 2)
        try await fixture.app().test(.router) { client in
            let before = try await fixture.snapshot()
            let response = try await client.push(Rows.changeSet([settled], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(response.status == .forbidden)
            let message = try #require(response.errorBody?.error.message)
            #expect(message.contains("lab/l1") && message.contains("only the central office (hq) resolves conflicts on shared rows"))
            #expect(try await fixture.snapshot() == before)
        }
    }

    @Test func aSitesEditThatKeepsTheSidesOrHasSeenOneSideOnlyIsAccepted() async throws {
        let fixture = try await Fixture()
        let (byCrema, byCremona) = try await conflictedLab(fixture)
        // Crema rewrites its own value without having seen cremona's: one more concurrent write.
        let ownAgain = Rows.update(byCrema, ["title": .text("Orti solidali 2")], by: Replicas.crema, counter: 2)
        let first = try await fixture.store.push(
            Rows.changeSet([ownAgain], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        #expect(first.changed == 1)
        // Crema, having seen both, adds its value beside them (what its replica does): accepted.
        var seen = ownAgain
        seen.clock.formMerge(with: byCremona.clock)
        seen.fields["title"] = ownAgain.fields["title"]! + byCremona.fields["title"]!
        let edited = Rows.update(seen, ["title": .text("Orti di Crema")], by: Replicas.crema, counter: 3).keepingConflicts(of: seen)
        #expect(edited.columnsResolving(conflictsOf: seen).isEmpty)
        let second = try await fixture.store.push(
            Rows.changeSet([edited], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        #expect(second.changed == 1)
        #expect(try await fixture.store.status(for: Fixture.authenticated("hq")).openConflicts == ["lab": 1])
    }

    @Test func theCentralOfficeSettlesASharedRowsConflict() async throws {
        let fixture = try await Fixture()
        let (byCrema, byCremona) = try await conflictedLab(fixture)
        var seen = byCrema
        seen.clock.formMerge(with: byCremona.clock)
        seen.fields["title"] = byCrema.fields["title"]! + byCremona.fields["title"]!
        let settled = Rows.update(seen, ["title": .text("Orti di Crema")], by: Replicas.hq, counter: 2)
        _ = try await fixture.store.push(Rows.changeSet([settled], from: Replicas.hq, site: "hq"), from: Fixture.authenticated("hq"))
        #expect(try await fixture.store.status(for: Fixture.authenticated("hq")).openConflicts.isEmpty)
    }
}
