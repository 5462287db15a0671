import SyncCore
import SyncProtocol
import Testing

/// Writes made on an older schema version (without `household.housing`). A delete deletes the whole
/// row, the newer column included: it is a contested delete only when some write it did not see
/// contests it, an edit of the newer column alone included. An edit of other fields has no opinion
/// on the newer column: it keeps its value and settles none of its conflicts.
@Suite struct OlderVersionWriteTests {
    let newer = ReplicaID("crema-v2"), older = ReplicaID("cremona-v1")

    /// The row as the newer replica wrote it, `housing` included (dot crema-v2:1).
    var written: RowVersion {
        let dot = Dot(replica: newer, counter: 1)
        return RowVersion(
            table: "household", id: "h1", clock: VersionVector([newer: 1]), live: [Sibling(dot: dot, value: .integer(1))],
            fields: [
                "site_id": [Sibling(dot: dot, value: .text("cremona"))], "code": [Sibling(dot: dot, value: .text("A1"))],
                "housing": [Sibling(dot: dot, value: .text("affitto"))],
            ])
    }

    /// The older replica's delete of the row after it had seen `written` (dot cremona-v1:1).
    var deletedOnOlderVersion: RowVersion {
        let dot = Dot(replica: older, counter: 1)
        return RowVersion(
            table: "household", id: "h1", clock: VersionVector([newer: 1, older: 1]), live: [Sibling(dot: dot, value: .integer(0))],
            fields: ["site_id": written.fields["site_id"]!, "code": [Sibling(dot: dot, value: .null)]])
    }

    @Test func aDeleteOnAnOlderVersionDeletesTheNewerColumnTooAndIsNoConflict() {
        for merged in [
            RowVersion.merge(local: written, remote: deletedOnOlderVersion).merged,
            RowVersion.merge(local: deletedOnOlderVersion, remote: written).merged,
        ] {
            #expect(!merged.isLive)
            #expect(!merged.isContestedDelete)
            #expect(merged.conflictingColumns.isEmpty)
            #expect(merged.fields["housing"] == [Sibling(dot: Dot(replica: older, counter: 1), value: .null)])
        }
    }

    @Test func anEditOfOnlyTheNewerColumnItDidNotSeeContestsTheDelete() {
        var edited = written
        let edit = Dot(replica: newer, counter: 2)
        edited.clock = VersionVector([newer: 2])
        edited.fields["housing"] = [Sibling(dot: edit, value: .text("proprietà"))]
        let one = RowVersion.merge(local: edited, remote: deletedOnOlderVersion).merged
        let other = RowVersion.merge(local: deletedOnOlderVersion, remote: edited).merged
        #expect(one == other)
        #expect(one.isContestedDelete)
        #expect(one.conflictingColumns == [RowVersion.liveColumn])
        #expect(one.contestingWrites.unseen.map(\.columns) == [["housing"]])
        #expect(one.fields["housing"]?.contains(Sibling(dot: edit, value: .text("proprietà"))) == true)
    }

    @Test func anOlderVersionThatKeepsTheRowLiveHasNoOpinionOnTheNewerColumn() {
        var updated = written
        let dot = Dot(replica: older, counter: 1)
        updated.clock = VersionVector([newer: 1, older: 1])
        updated.fields = ["site_id": written.fields["site_id"]!, "code": [Sibling(dot: dot, value: .text("B2"))]]
        let merged = RowVersion.merge(local: written, remote: updated).merged
        #expect(merged.isLive)
        #expect(merged.fields["housing"] == written.fields["housing"])
        #expect(merged.fields["code"] == [Sibling(dot: dot, value: .text("B2"))])
    }

    @Test func anOlderVersionEditingOtherFieldsSettlesNoConflictOfTheNewerColumn() {
        let crema = ReplicaID("crema-v2b"), edit = Dot(replica: older, counter: 1)
        var stored = written
        stored.clock = VersionVector([newer: 1, crema: 1])
        stored.fields["housing"]?.append(Sibling(dot: Dot(replica: crema, counter: 1), value: .text("proprietà")))
        #expect(stored.conflictingColumns == ["housing"])
        var edited = stored
        edited.clock = VersionVector([newer: 1, crema: 1, older: 1])
        edited.fields["housing"] = nil
        edited.fields["code"] = [Sibling(dot: edit, value: .text("B2"))]
        #expect(edited.columnsResolving(conflictsOf: stored).isEmpty)
        #expect(RowVersion.merge(local: stored, remote: edited).merged.conflictingColumns == ["housing"])

        var deleted = edited
        deleted.live = [Sibling(dot: edit, value: .integer(0))]
        deleted.fields["code"] = [Sibling(dot: edit, value: .null)]
        #expect(deleted.columnsResolving(conflictsOf: stored) == ["housing"], "a delete writes the newer column too")
    }

    /// The server stores a pushed delete with the newer columns it implies
    /// (`fillingImpliedFields`): then a later write of the older version that keeps the row (no
    /// opinion on the newer column) and an edit of that column concurrent with the delete merge to
    /// the same row in either order. Left implied, the delete's NULL vanished when the older write
    /// came first.
    @Test func aStoredDeleteCarriesItsImpliedColumnsSoPushesMergeInAnyOrder() {
        let columns = ["site_id", "code", "housing"]
        let created = Dot(replica: older, counter: 1), delete = Dot(replica: older, counter: 2)
        let kept = Dot(replica: older, counter: 3), edit = Dot(replica: newer, counter: 1)
        let stored = RowVersion(
            table: "household", id: "h1", clock: VersionVector([older: 1]), live: [Sibling(dot: created, value: .integer(1))],
            fields: ["site_id": [Sibling(dot: created, value: .text("cremona"))], "code": [Sibling(dot: created, value: .text("A1"))]])
        var deleted = stored
        deleted.clock = VersionVector([older: 2])
        deleted.live = [Sibling(dot: delete, value: .integer(0))]
        deleted.fields["code"] = [Sibling(dot: delete, value: .null)]
        var keptAgain = deleted
        keptAgain.clock = VersionVector([older: 3])
        keptAgain.live = [Sibling(dot: kept, value: .integer(1))]
        keptAgain.fields["code"] = [Sibling(dot: kept, value: .text("A2"))]
        var edited = stored
        edited.clock = VersionVector([older: 1, newer: 1])
        edited.fields["housing"] = [Sibling(dot: edit, value: .text("affitto"))]

        func server(_ pushes: [RowVersion]) -> RowVersion {
            pushes.dropFirst().reduce(stored) { state, push in
                RowVersion.merge(local: state, remote: push.fillingImpliedFields(columns)).merged
            }
        }
        let olderFirst = server([stored, deleted, keptAgain, edited])
        let editFirst = server([stored, deleted, edited, keptAgain])
        #expect(olderFirst == editFirst)
        #expect(olderFirst.fields["housing"] == [Sibling(dot: delete, value: .null), Sibling(dot: edit, value: .text("affitto"))].sorted { $0.dot < $1.dot })
        #expect(deleted.fillingImpliedFields(columns).fields["housing"] == [Sibling(dot: delete, value: .null)])
        #expect(keptAgain.fillingImpliedFields(columns) == keptAgain, "a live version is left as it is")
    }
}
