import Foundation
import SyncCore
import SyncProtocol
import SyncTestSupport
import Testing

/// `VersionVector` keeps its counters as a sorted array: it must behave as the dictionary it replaced.
@Suite struct VersionVectorStorageTests {
    @Test func countersDropZerosAndEntriesAreSortedByReplica() {
        let vector = VersionVector([ReplicaID("b"): 2, ReplicaID("a"): 1, ReplicaID("c"): 0])
        #expect(vector.counters == [ReplicaID("a"): 1, ReplicaID("b"): 2])
        #expect(vector.entries.map(\.replica) == [ReplicaID("a"), ReplicaID("b")])
        #expect(vector[ReplicaID("c")] == 0)
    }

    @Test func mergingInPlaceMatchesTheMergedVectorAndLeavesCopiesAlone() {
        var versions = RandomVersions(seed: 12)
        for round in 0..<2_000 {
            let lhs = versions.clock(replicaCount: 6)
            // Every other round the right side names only replicas the left one does: merged in place.
            var rhs = versions.clock(replicaCount: 6)
            if round.isMultiple(of: 2) {
                rhs = VersionVector(rhs.counters.filter { lhs[$0.key] > 0 })
            }
            let kept = lhs
            var merged = lhs
            merged.formMerge(with: rhs)
            #expect(merged == lhs.merged(with: rhs), "\(lhs.counters) ⊔ \(rhs.counters)")
            #expect(merged == ReferenceMerge.maximum(lhs, rhs))
            #expect(lhs == kept)
        }
    }

    @Test func subscriptWritesMatchADictionary() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            var vector = VersionVector()
            var model: [ReplicaID: UInt64] = [:]
            for _ in 0..<30 {
                let replica = RandomVersions.replicas.randomElement(using: &random)!
                let counter = UInt64.random(in: 0...3, using: &random)
                vector[replica] = counter
                model[replica] = counter == 0 ? nil : counter
                #expect(vector.counters == model)
                #expect(vector == VersionVector(model))
                #expect(vector.hashValue == VersionVector(model).hashValue)
                #expect(vector.entries.map(\.replica) == model.keys.sorted())
            }
            for replica in RandomVersions.replicas { #expect(vector[replica] == model[replica, default: 0]) }
        }
    }

    @Test func causalityMatchesTheReference() {
        var versions = RandomVersions(seed: 12)
        for round in 0..<5_000 {
            let size = round.isMultiple(of: 2) ? 4 : 12
            let lhs = versions.clock(replicaCount: size)
            let rhs = versions.clock(replicaCount: size)
            #expect(lhs.compare(to: rhs) == ReferenceMerge.compare(lhs, rhs), "\(lhs.counters) vs \(rhs.counters)")
            #expect(lhs.merged(with: rhs) == ReferenceMerge.maximum(lhs, rhs))
            for replica in RandomVersions.replicas {
                for counter in UInt64(1)...6 {
                    let dot = Dot(replica: replica, counter: counter)
                    #expect(lhs.covers(dot) == ReferenceMerge.covers(lhs, dot))
                }
            }
        }
    }

    @Test func jsonIsAnObjectOfCounters() throws {
        let vector = VersionVector([ReplicaID("b"): 2, ReplicaID("a"): 7])
        let data = try JSONEncoder().encode(vector)
        #expect(try JSONDecoder().decode([String: UInt64].self, from: data) == ["a": 7, "b": 2])
        #expect(try JSONDecoder().decode(VersionVector.self, from: data) == vector)
        let zero = try JSONDecoder().decode(VersionVector.self, from: Data(#"{"a":0,"b":1}"#.utf8))
        #expect(zero == VersionVector([ReplicaID("b"): 1]))
    }
}
