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

    @Test func anEditOfAMovedRowThePusherNeitherCreatedNorOwnedOnTheServerIsRefused() throws {
        // The central office made the household for crema; the server never stored it as crema's.
        let household = Rows.household("h1", site: "crema", by: Replicas.hq)
        let moved = Rows.update(household, ["site_id": .text("cremona")], by: Replicas.hq, counter: 2)
        let edited = Rows.update(household, ["adults": .integer(4)], by: Replicas.crema, counter: 1)

        #expect(throws: ServerError.self) {
            try PushPlan.make(
                Rows.changeSet([edited], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
                stored: [RowKey(moved): moved], formerOwners: [:], catalog: .farelegami)
        }
        let plan = try PushPlan.make(
            Rows.changeSet([edited], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [RowKey(moved): moved], formerOwners: [RowKey(moved): ["crema"]], catalog: .farelegami)
        #expect(plan.writes.first?.movedAwayFrom == "crema")
    }

    @Test func anEditOfARowThePusherCreatedIsMergedEvenIfTheServerNeverStoredItAsThePushers() throws {
        // crema's row reached the server through hq, already moved (a relayed file, then the move).
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        let moved = Rows.update(household, ["site_id": .text("cremona")], by: Replicas.hq, counter: 1)
        let edited = Rows.update(household, ["adults": .integer(4)], by: Replicas.crema, counter: 2)

        let plan = try PushPlan.make(
            Rows.changeSet([edited], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [RowKey(moved): moved], formerOwners: [:], catalog: .farelegami)

        #expect(plan.writes.first?.movedAwayFrom == "crema")
        #expect(plan.writes.first?.merged.owningSite == "cremona")
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

extension MoveAwayPushTests {
    @Test func aMovedRowsOldVersionThatAddsNothingIsStillWrittenSoThatThePusherForgetsIt() throws {
        // crema's version reached the server through hq together with the move: it adds nothing, but
        // the server never recorded crema as a former owner.
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        let moved = Rows.update(household, ["site_id": .text("cremona")], by: Replicas.hq, counter: 1)

        let plan = try PushPlan.make(
            Rows.changeSet([household], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [RowKey(moved): moved], formerOwners: [:], catalog: .farelegami)

        #expect(plan.writes.count == 1)
        #expect(plan.writes.first?.merged == moved)
        #expect(plan.writes.first?.movedAwayFrom == "crema")
        let again = try PushPlan.make(
            Rows.changeSet([household], from: Replicas.crema, site: "crema"), by: crema, replicaSites: sites,
            stored: [RowKey(moved): moved], formerOwners: [RowKey(moved): ["crema"]], catalog: .farelegami)
        #expect(again.writes.isEmpty, "once recorded, nothing more to write")
    }
}

/// A push that would leave a field with more concurrent values than a deployment can produce is
/// refused before anything is stored.
@Suite struct SiblingCapPushTests {
    @Test func aPushWhoseMergeWouldExceedTheSiblingCapIsRefused() throws {
        let half = Catalog.maxSiblings / 2 + 1
        var sites: [ReplicaID: String] = [:]
        func partner(from first: Int) -> RowVersion {
            let replicas = (first..<(first + half)).map { ReplicaID("r\($0)") }
            for replica in replicas { sites[replica] = "crema" }
            let clock = VersionVector(Dictionary(uniqueKeysWithValues: replicas.map { ($0, UInt64(1)) }))
            let names = replicas.map { Sibling(dot: Dot(replica: $0, counter: 1), value: .text("Nome \($0)")) }
            return RowVersion(
                table: "partner", id: "p1", clock: clock,
                live: [Sibling(dot: names[0].dot, value: .integer(1))], fields: ["name": names])
        }
        let stored = partner(from: 0)
        let pushed = partner(from: half)
        let error = try #require(throws: ServerError.self) {
            try PushPlan.make(
                Rows.changeSet([pushed], from: ReplicaID("r\(half)"), site: "crema"),
                by: AuthenticatedSite(site: "crema", central: false), replicaSites: sites,
                stored: [RowKey(stored): stored], catalog: .farelegami)
        }
        #expect("\(error)".contains("more than \(Catalog.maxSiblings) concurrent values"), "\(error)")
    }
}
