@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

/// The push rules with no store and no HTTP: `PushPlan.make` alone.
@Suite struct PushPlanTests {
    let sites: [ReplicaID: String] = [Replicas.crema: "crema", Replicas.cremona: "cremona", Replicas.hq: "hq"]
    let crema = AuthenticatedSite(site: "crema", central: false)

    @Test func aNewRowIsWrittenWithThePusherAsLastWriter() throws {
        let row = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        let plan = try PushPlan.make(
            Rows.changeSet([row], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites, stored: [:],
            catalog: .farelegami)
        #expect(plan.writes.count == 1)
        #expect(plan.writes[0].merged == row && plan.writes[0].lastWriter == Replicas.crema)
    }

    @Test func aMergeThatDiffersFromThePushedVersionHasNoLastWriter() throws {
        let original = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        let theirs = Rows.update(original, ["name": .text("B")], by: Replicas.cremona, counter: 1)
        let mine = Rows.update(original, ["legal_form": .text("coop")], by: Replicas.crema, counter: 2)
        let plan = try PushPlan.make(
            Rows.changeSet([mine], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [RowKey(theirs): theirs], catalog: .farelegami)
        #expect(plan.writes.count == 1 && plan.writes[0].lastWriter == nil)
        #expect(plan.writes[0].merged.visibleValues["name"] == .text("B"))
        #expect(plan.writes[0].merged.visibleValues["legal_form"] == .text("coop"))
    }

    @Test func anOlderVersionChangesNothing() throws {
        let original = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        let newer = Rows.update(original, ["name": .text("B")], by: Replicas.crema, counter: 2)
        let plan = try PushPlan.make(
            Rows.changeSet([original], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [RowKey(newer): newer], catalog: .farelegami)
        #expect(plan.writes.isEmpty && plan.received == 1)
    }

    @Test func twoVersionsOfOneRowInOnePushMakeOneWrite() throws {
        let first = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        let second = Rows.update(first, ["name": .text("B")], by: Replicas.crema, counter: 2)
        let plan = try PushPlan.make(
            Rows.changeSet([first, second], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [:], catalog: .farelegami)
        #expect(plan.writes.count == 1 && plan.writes[0].merged == second && plan.writes[0].lastWriter == Replicas.crema)
    }

    @Test func writesOfAnUnregisteredReplicaAreNotStored() throws {
        let row = Rows.partner("p1", name: "Iride", site: "crema", by: ReplicaID("stranger"))
        let plan = try PushPlan.make(
            Rows.changeSet([row], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites, stored: [:],
            catalog: .farelegami)
        #expect(plan.writes.isEmpty && plan.received == 1)
    }

    /// After a server restore, crema re-pushes a row it pulled from cremona (cremona's write the
    /// restored server lost): the push goes through, and the row is left to cremona to push again.
    @Test func anotherSitesRowReSentUnchangedIsLeftAsTheServerHoldsIt() throws {
        let before = Rows.partner("p1", name: "Iride", site: "cremona", by: Replicas.cremona)
        let lost = Rows.update(before, ["name": .text("Iride aps")], by: Replicas.cremona, counter: 2)
        let new = Rows.partner("p2", name: "Lost", site: "cremona", by: Replicas.cremona, counter: 3)
        let own = Rows.partner("p3", name: "Mine", site: "crema", by: Replicas.crema)
        let plan = try PushPlan.make(
            Rows.changeSet([lost, new, own], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [RowKey(before): before], catalog: .farelegami)
        #expect(plan.writes.map(\.key) == [RowKey(own)])
        #expect(plan.received == 3)
    }

    /// A site cannot alter another site's row by sending dots it did not write: a forged version with
    /// cremona's counter raised (which would erase cremona's later writes) changes nothing.
    @Test func aForgedVersionWithOnlyAnotherSitesDotsChangesNothing() throws {
        let stored = Rows.partner("p1", name: "Iride", site: "cremona", by: Replicas.cremona)
        var forged = Rows.update(stored, ["name": .text("Forged")], by: Replicas.cremona, counter: 99)
        forged.clock[Replicas.cremona] = 1_000
        let plan = try PushPlan.make(
            Rows.changeSet([forged], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [RowKey(stored): stored], catalog: .farelegami)
        #expect(plan.writes.isEmpty)
    }

    @Test func ownWritesOnTopOfAnotherSitesUnreceivedWritesAreForbidden() throws {
        let theirs = Rows.partner("p1", name: "Iride", site: "cremona", by: Replicas.cremona)
        let mine = Rows.update(theirs, ["legal_form": .text("coop")], by: Replicas.crema, counter: 1)
        #expect(throws: ServerError.self) {
            try PushPlan.make(
                Rows.changeSet([mine], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites, stored: [:],
                catalog: .farelegami)
        }
    }

    @Test func anotherSitesHouseholdIsForbiddenEvenWithOnlyItsOwnDots() throws {
        let household = Rows.household("h1", site: "cremona", by: Replicas.cremona)
        #expect(throws: ServerError.self) {
            try PushPlan.make(
                Rows.changeSet([household], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
                stored: [:], catalog: .farelegami)
        }
    }

    @Test func theCentralOfficeMayWriteAnySitesHousehold() throws {
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        let edited = Rows.update(household, ["adults": .integer(4)], by: Replicas.hq, counter: 1)
        let plan = try PushPlan.make(
            Rows.changeSet([edited], from: Replicas.hq, site: "hq"), by: AuthenticatedSite(site: "hq", central: true),
            replicaSites: sites, stored: [RowKey(household): household], catalog: .farelegami)
        #expect(plan.writes.count == 1)
    }

    @Test func aChangeSetNamingAnotherSiteIsForbidden() throws {
        #expect(throws: ServerError.self) {
            try PushPlan.make(
                Rows.changeSet([], from: Replicas.crema, site: "cremona"), by: crema, replicaSites: sites, stored: [:],
                catalog: .farelegami)
        }
    }
}
