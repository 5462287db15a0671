import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

@Suite struct PushPullTests {
    @Test func aSharedRowPushedByCremaIsPulledByCremona() async throws {
        let fixture = try await Fixture()
        let partner = Rows.partner("p1", name: "Cooperativa Iride", site: "crema", by: Replicas.crema)
        try await fixture.app().test(.router) { client in
            let pushed = try await client.push(Rows.changeSet([partner], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(pushed.status == .ok)
            let receipt = try pushed.decoded(PushReceipt.self)
            #expect(receipt == PushReceipt(received: 1, changed: 1, conflictsOpened: 0, latestSequence: 1))

            let page = try await client.pull(Replicas.cremona, token: fixture.tokens["cremona"]).decoded(PullPage.self)
            #expect(page.rows == [partner])
            #expect(page.through == 1 && page.more == false && page.latestSequence == 1)
            #expect(await page.epoch == fixture.store.epoch)
        }
    }

    @Test func aCremaHouseholdReachesHQButNeverCremona() async throws {
        let fixture = try await Fixture()
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        try await fixture.app().test(.router) { client in
            let pushed = try await client.push(Rows.changeSet([household], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(pushed.status == .ok)
            let cremona = try await client.pull(Replicas.cremona, token: fixture.tokens["cremona"]).decoded(PullPage.self)
            #expect(cremona.rows.isEmpty && cremona.forget.isEmpty)
            #expect(cremona.through == 1, "the cursor still moves past rows the site may not see")
            let hq = try await client.pull(Replicas.hq, token: fixture.tokens["hq"]).decoded(PullPage.self)
            #expect(hq.rows == [household])
        }
    }

    @Test func pullSkipsRowsThePullingReplicaPushedInExactlyThatState() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            _ = try await client.handshake("crema-pc-2", token: fixture.tokens["crema"])
            let row = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
            _ = try await client.push(Rows.changeSet([row], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            let own = try await client.pull(Replicas.crema, token: fixture.tokens["crema"]).decoded(PullPage.self)
            #expect(own.rows.isEmpty && own.through == 1)
            let sibling = try await client.pull(ReplicaID("crema-pc-2"), token: fixture.tokens["crema"]).decoded(PullPage.self)
            #expect(sibling.rows == [row])
        }
    }

    @Test func pushingTheSameChangeSetTwiceChangesNothing() async throws {
        let fixture = try await Fixture()
        let changeSet = Rows.changeSet(
            [Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema),
             Rows.household("h1", site: "crema", by: Replicas.crema, counter: 2)],
            from: Replicas.crema, site: "crema")
        try await fixture.app().test(.router) { client in
            let first = try await client.push(changeSet, token: fixture.tokens["crema"]).decoded(PushReceipt.self)
            #expect(first.changed == 2 && first.latestSequence == 2)
            let before = try await fixture.snapshot()
            let second = try await client.push(changeSet, token: fixture.tokens["crema"]).decoded(PushReceipt.self)
            #expect(second == PushReceipt(received: 2, changed: 0, conflictsOpened: 0, latestSequence: 2))
            #expect(try await fixture.snapshot() == before)
        }
    }

    @Test func concurrentWritesOfOneFieldFromTwoSitesOpenAConflictListedInStatus() async throws {
        let fixture = try await Fixture()
        let original = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        try await fixture.app().test(.router) { client in
            _ = try await client.push(Rows.changeSet([original], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            let fromCrema = Rows.update(original, ["name": .text("Iride coop")], by: Replicas.crema, counter: 2)
            let fromCremona = Rows.update(original, ["name": .text("Cooperativa Iride")], by: Replicas.cremona, counter: 1)
            let first = try await client.push(Rows.changeSet([fromCrema], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(try first.decoded(PushReceipt.self).conflictsOpened == 0)
            let second = try await client.push(
                Rows.changeSet([fromCremona], from: Replicas.cremona, site: "cremona"), token: fixture.tokens["cremona"])
            let receipt = try second.decoded(PushReceipt.self)
            #expect(receipt.changed == 1 && receipt.conflictsOpened == 1)

            for site in ["crema", "hq"] {
                let status = try await client.status(token: fixture.tokens[site]).decoded(StatusReport.self)
                #expect(status.openConflicts == ["partner": 1])
            }
            let page = try await client.pull(Replicas.hq, token: fixture.tokens["hq"]).decoded(PullPage.self)
            #expect(page.rows.first?.conflictingColumns == ["name"])
        }
    }

    @Test func aConflictOnACremaHouseholdIsNotCountedForCremona() async throws {
        let fixture = try await Fixture()
        let original = Rows.household("h1", site: "crema", by: Replicas.crema)
        _ = try await fixture.store.push(Rows.changeSet([original], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let fromCrema = Rows.update(original, ["adults": .integer(3)], by: Replicas.crema, counter: 2)
        let fromHQ = Rows.update(original, ["adults": .integer(4)], by: Replicas.hq, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([fromCrema], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let receipt = try await fixture.store.push(Rows.changeSet([fromHQ], from: Replicas.hq, site: "hq"), from: Fixture.authenticated("hq"))
        #expect(receipt.conflictsOpened == 1)
        #expect(try await fixture.store.status(for: Fixture.authenticated("crema")).openConflicts == ["household": 1])
        #expect(try await fixture.store.status(for: Fixture.authenticated("cremona")).openConflicts == [:])
    }

    @Test func resolvingAConflictClosesIt() async throws {
        let fixture = try await Fixture()
        let original = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        let crema = Fixture.authenticated("crema")
        _ = try await fixture.store.push(Rows.changeSet([original], from: Replicas.crema, site: "crema"), from: crema)
        let a = Rows.update(original, ["name": .text("A")], by: Replicas.crema, counter: 2)
        let b = Rows.update(original, ["name": .text("B")], by: Replicas.hq, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([a], from: Replicas.crema, site: "crema"), from: crema)
        _ = try await fixture.store.push(Rows.changeSet([b], from: Replicas.hq, site: "hq"), from: Fixture.authenticated("hq"))
        let merged = RowVersion.merge(local: a, remote: b).merged
        // The central office resolves conflicts on shared rows (a site may not: ReplicaDirectoryTests).
        let resolved = Rows.update(merged, ["name": .text("A")], by: Replicas.hq, counter: 2)
        _ = try await fixture.store.push(Rows.changeSet([resolved], from: Replicas.hq, site: "hq"), from: Fixture.authenticated("hq"))
        #expect(try await fixture.store.status(for: crema).openConflicts == [:])
    }
}
