import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// An office renames a partner while another deletes it: the row is deleted everywhere until
/// someone resolves it, keeping it brings every field back, deleting it leaves no value anywhere.
@Suite struct EditAgainstDeleteTests {
    @Test func keepingARenamedRowThatWasDeletedBringsBackEveryFieldOnEveryReplica() throws {
        try withTemporaryDirectory { directory in
            let (crema, cremona, hq) = try renamedAndDeleted(in: directory)
            let conflict = try #require(try hq.openConflicts().first)
            try hq.resolve(conflict: conflict.id, with: .keepRow)
            try exchangeAll([crema, cremona, hq])
            for replica in [crema, cremona, hq] {
                #expect(try replica.openConflicts().isEmpty)
                #expect(try replica.values("partner", "p1") == renamed, "\(replica.site) does not show the whole row")
                #expect(try replica.retainedView(table: "partner", id: "p1") == nil)
            }
        }
    }

    @Test func deletingItLeavesNoValueInAnyStateOrRetainedTable() throws {
        try withTemporaryDirectory { directory in
            let (crema, cremona, hq) = try renamedAndDeleted(in: directory)
            let conflict = try #require(try hq.openConflicts().first)
            try hq.resolve(conflict: conflict.id, with: .deleteRow)
            try exchangeAll([crema, cremona, hq])
            for replica in [crema, cremona, hq] {
                #expect(try replica.openConflicts().isEmpty)
                #expect(try replica.values("partner", "p1") == nil)
                #expect(try replica.connection.query("SELECT count(*) FROM _fl_retained").first?.first?.integer == 0)
                let state = try #require(try replica.rowVersion(table: "partner", id: "p1"))
                let left = state.fields.filter { $0.key != RowVersion.ownerColumn }.values.flatMap { $0 }.filter { $0.value != .null }
                #expect(left.isEmpty, "\(replica.site) keeps \(left) of the deleted row")
            }
        }
    }

    @Test func theListSaysTheRowIsDeletedAndWhatKeepingItBringsBack() throws {
        try withTemporaryDirectory { directory in
            let (crema, cremona, hq) = try renamedAndDeleted(in: directory)
            for replica in [crema, cremona, hq] {
                let conflicts = try replica.openConflicts()
                #expect(conflicts.count == 1, "one conflict, not one per field")
                let conflict = try #require(conflicts.first)
                let contest = try #require(conflict.deleteContest)
                #expect(contest.deletes == ["\(cremona.replicaID.rawValue):1"])
                #expect(contest.edits.map(\.write) == ["\(crema.replicaID.rawValue):1"])
                #expect(contest.edits.map(\.columns) == [["name"]])
                #expect(contest.keptValues == renamed)
                #expect(conflict.provisionalWinner.isDelete, "what is shown is the delete: the row is gone everywhere")
                #expect(try replica.values("partner", "p1") == nil)
            }
        }
    }

    @Test func keepAndDeleteAreRefusedForAConflictBetweenTwoEdits() throws {
        try withTemporaryDirectory { directory in
            let (crema, cremona, hq) = try offices(in: directory)
            try hq.sql("INSERT INTO partner (id, name) VALUES ('p1', 'CISVOL')")
            try exchangeAll([crema, cremona, hq])
            try crema.sql("UPDATE partner SET role = 'lead' WHERE id = 'p1'")
            try cremona.sql("UPDATE partner SET role = 'partner' WHERE id = 'p1'")
            try exchangeAll([crema, cremona, hq])
            let conflict = try #require(try hq.openConflicts().first)
            let before = try hq.snapshot()
            for resolution in [Resolution.keepRow, .deleteRow] {
                let error = #expect(throws: ReplicaError.self) { try hq.resolve(conflict: conflict.id, with: resolution) }
                #expect(error?.description.contains("not an edit against a delete") == true, "\(String(describing: error))")
                #expect(error?.description.contains("\n") == false)
            }
            #expect(try hq.snapshot() == before)
        }
    }

    @Test func keepingIsRefusedWhereNoRetainedCopyIsHeldAndSaysWhatToDo() throws {
        try withTemporaryDirectory { directory in
            let (crema, _, hq) = try offices(in: directory)
            // The deleter is crema's second replica: files travel between replicas of one office.
            let cremona = try Replica.fresh(in: directory, "crema-2")
            try hq.sql("INSERT INTO partner (id, name, legal_form, role) VALUES ('p1', 'Cisvol', 'APS', 'lead')")
            try exchangeAll([crema, cremona, hq])
            try crema.sql("UPDATE partner SET name = 'CISVOL Cremona' WHERE id = 'p1'")
            try cremona.sql("DELETE FROM partner WHERE id = 'p1'")
            try crema.send(to: cremona)
            // hq gets the contested row from a build that sends no retained copies.
            var changeSet = try cremona.exportChangeSet()
            #expect(changeSet.retained?.isEmpty == false)
            changeSet.retained = nil
            try hq.importChangeSet(ChangeSetCodec.encode(changeSet))
            let conflict = try #require(try hq.openConflicts().first)
            #expect(conflict.deleteContest != nil && conflict.deleteContest?.keptValues == nil)
            let error = #expect(throws: ReplicaError.self) { try hq.resolve(conflict: conflict.id, with: .keepRow) }
            #expect(error?.description.contains("farelegami sync") == true, "\(String(describing: error))")
            // Once a replica that holds a copy sends it, keeping works.
            try cremona.send(to: hq)
            try hq.resolve(conflict: conflict.id, with: .keepRow)
            #expect(try hq.values("partner", "p1")?["legal_form"] == .text("APS"))
        }
    }

    @Test func aPulledPagesRetainedViewIsHeldOnlyForARowContestedHere() throws {
        try withTemporaryDirectory { directory in
            let (crema, cremona, hq) = try renamedAndDeleted(in: directory)
            let state = try #require(try crema.rowVersion(table: "partner", id: "p1"))
            let view = try #require(try crema.retainedView(table: "partner", id: "p1"))
            let fresh = try Replica.fresh(in: directory, "hq-2", site: "hq")
            try fresh.apply([state], retained: [view])
            #expect(try fresh.retainedView(table: "partner", id: "p1") == view)
            // A view of a row that is not contested here is not kept.
            try fresh.sql("INSERT INTO household (id, code) VALUES ('h1', 'A1')")
            try fresh.cutLocalVersions()
            let stray = RowVersion(table: "household", id: "h1", clock: view.clock, live: view.live, fields: [:])
            try fresh.apply([], retained: [stray])
            #expect(try fresh.retainedView(table: "household", id: "h1") == nil)
            #expect(try cremona.retainedView(table: "partner", id: "p1") == hq.retainedView(table: "partner", id: "p1"))
        }
    }

    @Test func aReplicaMadeBeforeRetainedViewsGetsTheirTableWhenOpened() throws {
        try withTemporaryDirectory { directory in
            let old = try Replica.fresh(in: directory, "old")
            try old.sql("DROP TABLE _fl_retained")
            let reopened = try Replica(path: directory + "/old.sqlite")
            #expect(try reopened.connection.query("SELECT count(*) FROM _fl_retained").first?.first?.integer == 0)
        }
    }

    /// The partner every office had before crema renamed it, renamed.
    private var renamed: [String: FieldValue] {
        ["site_id": .text("hq"), "name": .text("CISVOL Cremona"), "legal_form": .text("APS"), "tax_code": .text("01234560197"),
         "role": .text("lead")]
    }

    /// crema renames p1 while cremona deletes it; everyone exchanges everything.
    private func renamedAndDeleted(in directory: String) throws -> (Replica, Replica, Replica) {
        let (crema, cremona, hq) = try offices(in: directory)
        try hq.sql(
            "INSERT INTO partner (id, name, legal_form, tax_code, role) VALUES ('p1', 'Cisvol', 'APS', '01234560197', 'lead')")
        try exchangeAll([crema, cremona, hq])
        try crema.sql("UPDATE partner SET name = 'CISVOL Cremona' WHERE id = 'p1'")
        try cremona.sql("DELETE FROM partner WHERE id = 'p1'")
        try exchangeAll([crema, cremona, hq])
        return (crema, cremona, hq)
    }

    private func offices(in directory: String) throws -> (Replica, Replica, Replica) {
        (try Replica.fresh(in: directory, "crema"), try Replica.fresh(in: directory, "cremona", site: "cremona"),
         try Replica.fresh(in: directory, "hq", site: "hq"))
    }

    /// Every replica sends its changes to the central office's replica, which sends them on (files
    /// between two territorial offices go through hq), twice so that everything reaches everyone.
    private func exchangeAll(_ replicas: [Replica]) throws {
        let centre = replicas.first { $0.isCentral }!
        for _ in 0..<2 {
            for source in replicas where source !== centre { try source.send(to: centre) }
            for target in replicas where target !== centre { try centre.send(to: target) }
        }
    }
}
