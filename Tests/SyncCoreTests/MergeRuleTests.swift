import SyncCore
import SyncProtocol
import Testing

/// The merge rules of one row, on hand-made versions of a household that replicas a, b and c edit
/// after a inserted it (dot a:1).
@Suite struct MergeRuleTests {
    @Test(arguments: MergeCase.table)
    func mergeFollowsTheRuleTable(_ rule: MergeCase) {
        let outcome = RowVersion.merge(local: rule.local, remote: rule.remote)
        #expect(outcome.merged == rule.merged)
        #expect(outcome.changed == rule.changed)
        #expect(outcome.merged.conflictingColumns == rule.conflicts)
        #expect(outcome.merged.isLive == rule.live)
    }

    @Test func concurrentEditsOfTheSameFieldShowTheSameProvisionalWinnerWhicheverSideMerges() {
        let atA = RowVersion.merge(local: Versions.aEditsCode, remote: Versions.cEditsCode).merged
        let atC = RowVersion.merge(local: Versions.cEditsCode, remote: Versions.aEditsCode).merged
        #expect(atA == atC)
        #expect(atA.fields["code"] == [sibling(c, 1, "C3"), sibling(a, 2, "B2")])
        // a:2 is the greatest dot (counter first), so both sides show B2.
        #expect(atA.visibleValues["code"] == .text("B2"))
        #expect(Register.winner(of: atA.fields["code"]!) == sibling(a, 2, "B2"))
    }

    @Test func aWriteThatFollowsBothSidesOfAConflictClosesIt() {
        let conflicted = RowVersion.merge(local: Versions.aEditsCode, remote: Versions.cEditsCode).merged
        #expect(conflicted.conflictingColumns == ["code"])
        let resolution = RowVersion.merge(local: conflicted, remote: Versions.aResolvesCode).merged
        #expect(resolution == Versions.aResolvesCode)
        #expect(resolution.conflictingColumns.isEmpty)
        // A replica that only saw c's side takes the resolution too: it covers c:1.
        let atC = RowVersion.merge(local: Versions.cEditsCode, remote: Versions.aResolvesCode)
        #expect(atC.merged.fields["code"] == [sibling(a, 3, "A1")])
    }

    @Test func mergeIsIdempotent() {
        for version in Versions.all {
            let outcome = RowVersion.merge(local: version, remote: version)
            #expect(outcome.merged == version)
            #expect(!outcome.changed)
        }
        for (x, y) in pairs(Versions.all) {
            let once = RowVersion.merge(local: x, remote: y).merged
            let twice = RowVersion.merge(local: once, remote: y)
            #expect(twice.merged == once, "merging \(y.clock) again changed the state")
            #expect(!twice.changed)
        }
    }

    @Test func mergeIsCommutative() {
        for (x, y) in pairs(Versions.all) {
            #expect(
                RowVersion.merge(local: x, remote: y).merged == RowVersion.merge(local: y, remote: x).merged,
                "\(x.clock) ⊔ \(y.clock)")
        }
    }

    @Test func mergeIsAssociative() {
        for x in Versions.all {
            for (y, z) in pairs(Versions.all) {
                let left = merge(merge(x, y), z)
                let right = merge(x, merge(y, z))
                #expect(left == right, "(\(x.clock) ⊔ \(y.clock)) ⊔ \(z.clock)")
            }
        }
    }

    @Test(arguments: [
        (VersionVector(), VersionVector(), CausalOrder.equal),
        (VersionVector([a: 1]), VersionVector([a: 1]), .equal),
        (VersionVector([a: 0]), VersionVector(), .equal),
        (VersionVector([a: 1]), VersionVector([a: 2]), .before),
        (VersionVector(), VersionVector([a: 1]), .before),
        (VersionVector([a: 1]), VersionVector([a: 1, b: 1]), .before),
        (VersionVector([a: 2]), VersionVector([a: 1]), .after),
        (VersionVector([a: 1, b: 3]), VersionVector([b: 2]), .after),
        (VersionVector([a: 1]), VersionVector([b: 1]), .concurrent),
        (VersionVector([a: 2, b: 1]), VersionVector([a: 1, b: 2]), .concurrent),
        (VersionVector([a: 1, c: 1]), VersionVector([a: 1, b: 1]), .concurrent),
    ])
    func versionVectorsCompareByCausality(_ lhs: VersionVector, _ rhs: VersionVector, _ order: CausalOrder) {
        #expect(lhs.compare(to: rhs) == order)
        let mirrored: CausalOrder = switch order {
        case .before: .after
        case .after: .before
        default: order
        }
        #expect(rhs.compare(to: lhs) == mirrored)
    }

    private func merge(_ x: RowVersion, _ y: RowVersion) -> RowVersion {
        RowVersion.merge(local: x, remote: y).merged
    }

    private func pairs(_ versions: [RowVersion]) -> [(RowVersion, RowVersion)] {
        versions.flatMap { x in versions.map { (x, $0) } }
    }
}

private let a = ReplicaID("a")
private let b = ReplicaID("b")
private let c = ReplicaID("c")
private let d = ReplicaID("d")
private let e = ReplicaID("e")
private let f = ReplicaID("f")

private func sibling(_ replica: ReplicaID, _ counter: UInt64, _ value: FieldValue) -> Sibling {
    Sibling(dot: Dot(replica: replica, counter: counter), value: value)
}

private func sibling(_ replica: ReplicaID, _ counter: UInt64, _ text: String) -> Sibling {
    sibling(replica, counter, .text(text))
}

private func sibling(_ replica: ReplicaID, _ counter: UInt64, _ integer: Int64) -> Sibling {
    sibling(replica, counter, .integer(integer))
}

private func household(
    _ clock: [ReplicaID: UInt64], live: [Sibling] = [sibling(a, 1, 1)], _ fields: [String: [Sibling]]
) -> RowVersion {
    var all: [String: [Sibling]] = [
        "site_id": [sibling(a, 1, "crema")], "code": [sibling(a, 1, "A1")], "adults": [sibling(a, 1, 2)],
    ]
    all.merge(fields) { $1 }
    return RowVersion(table: "household", id: "h1", clock: VersionVector(clock), live: live, fields: all)
}

/// Versions of household h1 as replicas hold it in one history: a inserts the row (a:1), and each
/// other replica makes one write after receiving some of a's versions. Every dot is written once.
private enum Versions {
    /// a inserted the row: site crema, code A1, 2 adults.
    static let base = household([a: 1], [:])
    /// a then changed the code to B2.
    static let aEditsCode = household([a: 2], ["code": [sibling(a, 2, "B2")]])
    /// b, having seen the insert only, changed the adults to 3.
    static let bEditsAdults = household([a: 1, b: 1], ["adults": [sibling(b, 1, 3)]])
    /// c, having seen the insert only, changed the code to C3.
    static let cEditsCode = household([a: 1, c: 1], ["code": [sibling(c, 1, "C3")]])
    /// d, having seen the insert only, changed the code to B2 (as a did).
    static let dEditsCodeAlike = household([a: 1, d: 1], ["code": [sibling(d, 1, "B2")]])
    /// e, having seen the insert only, deleted the row (site_id is kept).
    static let eDeletes = household(
        [a: 1, e: 1], live: [sibling(e, 1, 0)], ["code": [sibling(e, 1, .null)], "adults": [sibling(e, 1, .null)]])
    /// f, having seen a's code change, changed the adults to 4.
    static let fEditsAdults = household([a: 2, f: 1], ["code": [sibling(a, 2, "B2")], "adults": [sibling(f, 1, 4)]])
    /// a, having merged c's C3 with its own B2, wrote A1 over both.
    static let aResolvesCode = household([a: 3, c: 1], ["code": [sibling(a, 3, "A1")]])

    static let all = [
        base, aEditsCode, bEditsAdults, cEditsCode, dEditsCodeAlike, eDeletes, fEditsAdults, aResolvesCode,
    ]
}

/// One row of the rule table: merging `remote` into `local` gives `merged`.
struct MergeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let local: RowVersion?
    let remote: RowVersion
    let merged: RowVersion
    let changed: Bool
    let conflicts: [String]
    let live: Bool

    var testDescription: String { name }

    fileprivate static let table: [MergeCase] = [
        MergeCase(
            name: "a row new here is taken", local: nil, remote: Versions.base, merged: Versions.base,
            changed: true, conflicts: [], live: true),
        MergeCase(
            name: "a dominating remote version is taken", local: Versions.base, remote: Versions.aEditsCode,
            merged: Versions.aEditsCode, changed: true, conflicts: [], live: true),
        MergeCase(
            name: "a dominated remote version leaves the local one", local: Versions.aEditsCode,
            remote: Versions.base, merged: Versions.aEditsCode, changed: false, conflicts: [], live: true),
        MergeCase(
            name: "an equal version is a no-op", local: Versions.cEditsCode, remote: Versions.cEditsCode,
            merged: Versions.cEditsCode, changed: false, conflicts: [], live: true),
        MergeCase(
            name: "concurrent edits of different fields merge without conflict", local: Versions.aEditsCode,
            remote: Versions.bEditsAdults,
            merged: household([a: 2, b: 1], ["code": [sibling(a, 2, "B2")], "adults": [sibling(b, 1, 3)]]),
            changed: true, conflicts: [], live: true),
        MergeCase(
            name: "concurrent edits of one field to different values keep both", local: Versions.aEditsCode,
            remote: Versions.cEditsCode,
            merged: household([a: 2, c: 1], ["code": [sibling(c, 1, "C3"), sibling(a, 2, "B2")]]),
            changed: true, conflicts: ["code"], live: true),
        MergeCase(
            name: "concurrent edits of one field to the same value are no conflict", local: Versions.aEditsCode,
            remote: Versions.dEditsCodeAlike,
            merged: household([a: 2, d: 1], ["code": [sibling(d, 1, "B2"), sibling(a, 2, "B2")]]),
            changed: true, conflicts: [], live: true),
        MergeCase(
            name: "a delete concurrent with an update leaves the row deleted and its existence in conflict",
            local: Versions.aEditsCode, remote: Versions.eDeletes,
            merged: household(
                [a: 2, e: 1], live: [sibling(e, 1, 0)],
                ["code": [sibling(e, 1, .null), sibling(a, 2, "B2")], "adults": [sibling(e, 1, .null)]]),
            changed: true, conflicts: [RowVersion.liveColumn], live: false),
        MergeCase(
            name: "a resolution supersedes both sides", local: Versions.cEditsCode, remote: Versions.aResolvesCode,
            merged: Versions.aResolvesCode, changed: true, conflicts: [], live: true),
    ]
}
