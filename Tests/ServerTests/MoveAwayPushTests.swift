@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

/// An office's offline edit of a household the central office gave to another site meanwhile is
/// merged, not refused; nothing else lets a site write another site's household.
@Suite struct MoveAwayPushTests {
    let sites: [ReplicaID: String] = [Replicas.crema: "crema", Replicas.cremona: "cremona", Replicas.hq: "hq"]
    let crema = AuthenticatedSite(site: "crema", central: false)

    @Test func anEditConcurrentWithAMoveAwayIsMergedAndTheRowKeepsItsNewOwner() throws {
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        let moved = Rows.update(household, ["site_id": .text("cremona")], by: Replicas.hq, counter: 1)
        let edited = Rows.update(household, ["adults": .integer(4)], by: Replicas.crema, counter: 2)

        let plan = try PushPlan.make(
            Rows.changeSet([edited], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [RowKey(moved): moved], formerOwners: [RowKey(moved): ["crema"]], catalog: .farelegami)

        #expect(plan.writes.count == 1)
        #expect(plan.writes[0].merged.owningSite == "cremona")
        #expect(plan.writes[0].merged.visibleValues["adults"] == .integer(4))
    }

    @Test func theSameEditIsRefusedWhenTheRowNeverBelongedToThePusher() throws {
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        let moved = Rows.update(household, ["site_id": .text("cremona")], by: Replicas.hq, counter: 1)
        let edited = Rows.update(household, ["adults": .integer(4)], by: Replicas.crema, counter: 2)

        #expect(throws: ServerError.self) {
            try PushPlan.make(
                Rows.changeSet([edited], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
                stored: [RowKey(moved): moved], formerOwners: [:], catalog: .farelegami)
        }
    }

    @Test func anEditThatHasSeenTheMoveCannotTakeTheRowBack() throws {
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        let moved = Rows.update(household, ["site_id": .text("cremona")], by: Replicas.hq, counter: 1)
        let takenBack = Rows.update(moved, ["site_id": .text("crema")], by: Replicas.crema, counter: 2)

        #expect(throws: ServerError.self) {
            try PushPlan.make(
                Rows.changeSet([takenBack], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
                stored: [RowKey(moved): moved], formerOwners: [RowKey(moved): ["crema"]], catalog: .farelegami)
        }
    }
}
