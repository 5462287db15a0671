import SyncCore
import SyncProtocol
import Testing

/// A replica that finds it is a copy of itself restamps the writes above the last counter the server
/// acknowledged to it: the other copy's writes under the same counters then merge as concurrent ones.
@Suite struct RestampTests {
    let old = ReplicaID("old"), new = ReplicaID("new"), other = ReplicaID("other")

    func version(_ clock: [ReplicaID: UInt64], title: [Sibling], status: [Sibling]) -> RowVersion {
        RowVersion(
            table: "lab", id: "l-1", clock: VersionVector(clock), live: [Sibling(dot: Dot(replica: old, counter: 1), value: .integer(1))],
            fields: ["title": title, "status": status])
    }

    func sibling(_ replica: ReplicaID, _ counter: UInt64, _ text: String) -> Sibling {
        Sibling(dot: Dot(replica: replica, counter: counter), value: .text(text))
    }

    @Test func writesAboveTheAcknowledgedCounterTakeTheNewIdentityAndTheCommonPastKeepsItsName() throws {
        let copy = version([old: 3, other: 2], title: [sibling(old, 1, "Casa")], status: [sibling(old, 3, "active")])
        let restamped = try #require(copy.restamping(old, above: 1, as: new))
        #expect(restamped.clock == VersionVector([old: 1, new: 2, other: 2]))
        #expect(restamped.fields["title"] == [sibling(old, 1, "Casa")])
        #expect(restamped.fields["status"] == [sibling(new, 2, "active")])
        #expect(restamped.live == copy.live)
    }

    @Test func aVersionWithNoWriteAboveTheAcknowledgedCounterIsLeftAlone() {
        let copy = version([old: 2, other: 5], title: [sibling(old, 2, "Casa")], status: [sibling(other, 5, "planned")])
        #expect(copy.restamping(old, above: 2, as: new) == nil)
    }

    @Test func theOtherCopysEditUnderTheSameCounterMergesAsConcurrentAndNeitherIsLost() throws {
        // Both copies start from old:1; the other copy wrote the title as old:2, this copy the status
        // as old:2 too. Without restamping the server would take one for the other.
        let common = version([old: 1], title: [sibling(old, 1, "Casa")], status: [sibling(old, 1, "planned")])
        var theirs = common
        theirs.clock[old] = 2
        theirs.fields["title"] = [sibling(old, 2, "Casa comune")]
        var mine = common
        mine.clock[old] = 2
        mine.fields["status"] = [sibling(old, 2, "active")]
        let restamped = try #require(mine.restamping(old, above: 1, as: new))
        let merged = RowVersion.merge(local: theirs, remote: restamped).merged
        #expect(merged.visibleValues["title"] == .text("Casa comune"))
        #expect(merged.visibleValues["status"] == .text("active"))
        #expect(merged.conflictingColumns.isEmpty)
        #expect(merged == RowVersion.merge(local: restamped, remote: theirs).merged)
    }

    @Test func restampedSiblingsStaySortedByDot() throws {
        let copy = version([old: 9, other: 4], title: [sibling(other, 4, "B"), sibling(old, 9, "A")], status: [])
        let restamped = try #require(copy.restamping(old, above: 6, as: new))
        #expect(restamped.fields["title"] == [sibling(new, 3, "A"), sibling(other, 4, "B")])
    }
}

@Suite struct CutTests {
    @Test func aPushsCutsReadBackFromTheirQueryText() throws {
        let cuts = [Cut.random(counter: 6), Cut.random(counter: 7)]
        #expect(cuts.allSatisfy { Cut.isTag($0.tag) })
        #expect(Cut.parse(queryText: Substring(Cut.queryText(cuts))) == cuts)
        #expect(Cut.parse(queryText: "") == [])
    }

    @Test(arguments: ["6", "0.0123456789abcdef", "6.0123456789ABCDEF", "6.0123", "x.0123456789abcdef", "6.0123456789abcdef,"])
    func malformedCutsAreRefused(_ text: String) {
        #expect(Cut.parse(queryText: Substring(text)) == nil)
    }
}

/// A field with many concurrent values merges through sets; the result is the rule's, as the
/// pairwise reading of it gives.
@Suite struct WideFieldMergeTests {
    func reference(_ local: [Sibling], _ localClock: VersionVector, _ remote: [Sibling], _ remoteClock: VersionVector)
        -> [Sibling]
    {
        var result = local.filter { !remoteClock.covers($0.dot) || remote.contains($0) }
        for sibling in remote where !localClock.covers(sibling.dot) && !result.contains(sibling) { result.append(sibling) }
        return result.sorted { $0.dot < $1.dot }
    }

    @Test func manyConcurrentValuesMergeAsThePairwiseRuleSays() {
        var random = SeededGenerator(seed: 23)
        for _ in 0..<300 {
            let writers = (0..<Int(random.next() % 40 + 9)).map { ReplicaID("w\($0)") }
            func side() -> ([Sibling], VersionVector) {
                var clock: [ReplicaID: UInt64] = [:]
                var siblings: [Sibling] = []
                for writer in writers where random.next() % 3 != 0 {
                    let counter = random.next() % 3 + 1
                    clock[writer] = counter
                    if random.next() % 2 == 0 { siblings.append(Sibling(dot: Dot(replica: writer, counter: counter), value: .text("\(writer)"))) }
                }
                return (siblings.sorted { $0.dot < $1.dot }, VersionVector(clock))
            }
            let (local, localClock) = side()
            let (remote, remoteClock) = side()
            #expect(
                Register.merge(local: local, localClock: localClock, remote: remote, remoteClock: remoteClock)
                    == reference(local, localClock, remote, remoteClock))
        }
    }
}
