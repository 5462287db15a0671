import SyncCore
import SyncProtocol
import SyncTestSupport
import Testing

/// The optimized merge against `ReferenceMerge`, the merge as first written, on random inputs.
@Suite struct MergeEquivalenceTests {
    @Test func rowMergeMatchesTheReference() {
        var versions = RandomVersions(seed: 7)
        for _ in 0..<historyCount(default: 20_000) {
            let (local, remote) = versions.pair()
            let outcome = RowVersion.merge(local: local, remote: remote)
            let expected = ReferenceMerge.merge(local: local, remote: remote)
            #expect(outcome.merged == expected.merged, "\(local) ⊔ \(remote)")
            #expect(outcome.changed == expected.changed)
            #expect(outcome.merged.fields.keys.sorted() == expected.merged.fields.keys.sorted())
        }
    }

    @Test func newRowIsTakenAsItIs() {
        var versions = RandomVersions(seed: 8)
        let (_, remote) = versions.pair()
        let outcome = RowVersion.merge(local: nil, remote: remote)
        #expect(outcome.merged == remote)
        #expect(outcome.changed)
    }

    @Test func registerMergeMatchesTheReference() {
        var versions = RandomVersions(seed: 9)
        for round in 0..<historyCount(default: 20_000) {
            let local = versions.siblings(sorted: round % 5 != 0)
            // Every third round both sides hold one array, as fields no side rewrote do.
            let remote = round % 3 == 0 ? local : versions.siblings(sorted: round % 7 != 0)
            let localClock = versions.clock()
            let remoteClock = versions.clock()
            let merged = Register.merge(local: local, localClock: localClock, remote: remote, remoteClock: remoteClock)
            let expected = ReferenceMerge.register(
                local: local, localClock: localClock, remote: remote, remoteClock: remoteClock)
            #expect(merged == expected, "\(local) ⊔ \(remote) at \(localClock.counters), \(remoteClock.counters)")
        }
    }

    @Test func unsortedSiblingsSharedByBothSidesAreStillSorted() {
        let a = Dot(replica: ReplicaID("a"), counter: 2)
        let b = Dot(replica: ReplicaID("b"), counter: 1)
        let unsorted = [Sibling(dot: a, value: .text("A")), Sibling(dot: b, value: .text("B"))]
        let clock = VersionVector([ReplicaID("a"): 2, ReplicaID("b"): 1])
        let merged = Register.merge(local: unsorted, localClock: clock, remote: unsorted, remoteClock: clock)
        #expect(merged == [unsorted[1], unsorted[0]])
    }
}
