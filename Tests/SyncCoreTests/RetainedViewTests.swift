import SyncCore
import SyncProtocol
import Testing

/// The retained view of an edit against a delete, on hand-made versions of a partner that office a
/// inserted (a:1) and then office b renamed (b:1) while office c deleted it (c:1).
@Suite struct RetainedViewTests {
    @Test func anEditMeetingADeleteRetainsTheEditingSideWhicheverSideMerges() throws {
        let atEditor = RowVersion.merge(local: Partners.bRenames, remote: Partners.cDeletes).merged
        let atDeleter = RowVersion.merge(local: Partners.cDeletes, remote: Partners.bRenames).merged
        #expect(atEditor == atDeleter)
        #expect(!atEditor.isLive && atEditor.isContestedDelete)
        #expect(RetainedView.retained(local: Partners.bRenames, remote: Partners.cDeletes, merged: atEditor) == Partners.bRenames)
        #expect(RetainedView.retained(local: Partners.cDeletes, remote: Partners.bRenames, merged: atDeleter) == Partners.bRenames)
    }

    @Test func aContestedDeleteIsOneConflictOnTheRowsExistence() {
        let contested = RowVersion.merge(local: Partners.bRenames, remote: Partners.cDeletes).merged
        #expect(contested.conflictingColumns == [RowVersion.liveColumn])
        let writes = contested.contestingWrites
        #expect(writes.deletes == [Dot(replica: c, counter: 1)])
        #expect(writes.unseen.map(\.dot) == [Dot(replica: b, counter: 1)])
        #expect(writes.unseen.map(\.columns) == [["name"]])
    }

    @Test func keepingTheRowBringsBackEveryFieldAsTheEditorSawIt() throws {
        let contested = RowVersion.merge(local: Partners.cDeletes, remote: Partners.bRenames).merged
        let view = RetainedView.retained(local: Partners.cDeletes, remote: Partners.bRenames, merged: contested)
        let values = try #require(RetainedView.keptValues(of: contested, retained: view, columns: Partners.columns))
        #expect(values == Partners.bRenames.visibleValues)
        #expect(values["name"] == .text("CISVOL") && values["legal_form"] == .text("APS") && values["role"] == .text("lead"))
    }

    @Test func withoutARetainedViewKeepingIsImpossibleOnceTheDeleteErasedAField() {
        let contested = RowVersion.merge(local: Partners.cDeletes, remote: Partners.bRenames).merged
        #expect(RetainedView.keptValues(of: contested, retained: nil, columns: Partners.columns) == nil)
    }

    @Test func aReinsertAgainstADeleteIsKeptWholeWithoutARetainedView() throws {
        let contested = RowVersion.merge(local: Partners.cDeletes, remote: Partners.bReinserts).merged
        #expect(contested.isContestedDelete)
        #expect(contested.conflictingColumns == [RowVersion.liveColumn])
        let values = try #require(RetainedView.keptValues(of: contested, retained: nil, columns: Partners.columns))
        #expect(values == Partners.bReinserts.visibleValues)
    }

    @Test func aDeleteThatSawTheEditIsNotContestedAndRetainsNothing() {
        let merged = RowVersion.merge(local: Partners.bRenames, remote: Partners.cDeletesAfterTheRename).merged
        #expect(merged == Partners.cDeletesAfterTheRename)
        #expect(!merged.isContestedDelete && merged.conflictingColumns.isEmpty)
        #expect(RetainedView.retained(local: Partners.bRenames, remote: Partners.cDeletesAfterTheRename, merged: merged) == nil)
    }

    @Test func anEditToNullAgainstADeleteIsStillContested() {
        let merged = RowVersion.merge(local: Partners.bClearsTheLegalForm, remote: Partners.cDeletes).merged
        #expect(merged.isContestedDelete)
        #expect(merged.conflictingColumns == [RowVersion.liveColumn])
    }

    @Test func twoDeletesAreNotContested() {
        let merged = RowVersion.merge(local: Partners.cDeletes, remote: Partners.bDeletes).merged
        #expect(!merged.isLive && !merged.isContestedDelete && merged.conflictingColumns.isEmpty)
    }

    @Test func retainedViewsJoinLikeRowVersions() throws {
        let first = try #require(RetainedView.join(nil, Partners.bRenames))
        #expect(first == Partners.bRenames)
        let joined = try #require(RetainedView.join(first, Partners.base))
        #expect(joined == Partners.bRenames, "a view the held one includes adds nothing")
        #expect(RetainedView.join(Partners.base, Partners.bRenames) == RetainedView.join(Partners.bRenames, Partners.base))
    }

    @Test func aResolutionThatKeepsTheRowEndsTheContest() throws {
        let contested = RowVersion.merge(local: Partners.bRenames, remote: Partners.cDeletes).merged
        let values = try #require(RetainedView.keptValues(of: contested, retained: Partners.bRenames, columns: Partners.columns))
        let kept = RowVersion.afterLocalWrite(
            .insert(values: values), previous: contested, table: "partner", id: "p1", columns: Partners.columns,
            dot: Dot(replica: a, counter: 2))
        #expect(kept.isLive && !kept.isContestedDelete && kept.conflictingColumns.isEmpty)
        #expect(kept.visibleValues == Partners.bRenames.visibleValues)
        // Every replica that merges the resolution takes it: it covers both sides.
        #expect(RowVersion.merge(local: Partners.cDeletes, remote: kept).merged == kept)
        #expect(RowVersion.merge(local: Partners.bRenames, remote: kept).merged == kept)
    }
}

private let a = ReplicaID("a")
private let b = ReplicaID("b")
private let c = ReplicaID("c")

private func sibling(_ replica: ReplicaID, _ counter: UInt64, _ value: FieldValue) -> Sibling {
    Sibling(dot: Dot(replica: replica, counter: counter), value: value)
}

/// Versions of partner p1 in one history.
private enum Partners {
    static let columns = ["site_id", "name", "legal_form", "role"]

    static func partner(_ clock: [ReplicaID: UInt64], live: [Sibling] = [sibling(a, 1, .integer(1))], _ fields: [String: [Sibling]])
        -> RowVersion
    {
        var all: [String: [Sibling]] = [
            "site_id": [sibling(a, 1, .text("crema"))], "name": [sibling(a, 1, .text("Cisvol"))],
            "legal_form": [sibling(a, 1, .text("APS"))], "role": [sibling(a, 1, .text("lead"))],
        ]
        all.merge(fields) { $1 }
        return RowVersion(table: "partner", id: "p1", clock: VersionVector(clock), live: live, fields: all)
    }

    static func deleted(by replica: ReplicaID, _ clock: [ReplicaID: UInt64]) -> RowVersion {
        let counter = clock[replica]!
        let null = [sibling(replica, counter, .null)]
        return partner(clock, live: [sibling(replica, counter, .integer(0))], ["name": null, "legal_form": null, "role": null])
    }

    static let base = partner([a: 1], [:])
    static let bRenames = partner([a: 1, b: 1], ["name": [sibling(b, 1, .text("CISVOL"))]])
    static let bClearsTheLegalForm = partner([a: 1, b: 1], ["legal_form": [sibling(b, 1, .null)]])
    static let bDeletes = deleted(by: b, [a: 1, b: 1])
    static let cDeletes = deleted(by: c, [a: 1, c: 1])
    static let cDeletesAfterTheRename = deleted(by: c, [a: 1, b: 1, c: 1])
    static let bReinserts = partner(
        [a: 1, b: 2], live: [sibling(b, 2, .integer(1))],
        [
            "site_id": [sibling(b, 2, .text("crema"))], "name": [sibling(b, 2, .text("Concass"))],
            "legal_form": [sibling(b, 2, .text("ODV"))], "role": [sibling(b, 2, .text("partner"))],
        ])
}
