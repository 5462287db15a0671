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

    @Test func writesOfAnUnregisteredReplicaAreForbidden() throws {
        let row = Rows.partner("p1", name: "Iride", site: "crema", by: ReplicaID("stranger"))
        #expect(throws: ServerError.self) {
            try PushPlan.make(
                Rows.changeSet([row], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites, stored: [:],
                catalog: .farelegami)
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
