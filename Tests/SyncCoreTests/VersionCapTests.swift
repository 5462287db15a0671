import SyncCore
import SyncProtocol
import Testing

/// Versions no real deployment can produce (hundreds of concurrent values in one field, a clock of
/// thousands of replicas) are refused when read, before any merge.
struct VersionCapTests {
    @Test(arguments: [Catalog.maxSiblings, Catalog.maxSiblings + 1])
    func aFieldWithMoreConcurrentValuesThanTheCapIsRefused(siblings: Int) throws {
        let row = Self.partner(nameSiblings: siblings)
        if siblings <= Catalog.maxSiblings {
            #expect(try Catalog.farelegami.validate(row).fields["name"]?.count == siblings)
        } else {
            let error = try #require(throws: SyncCoreError.self) { try Catalog.farelegami.validate(row) }
            #expect("\(error)".contains("at most \(Catalog.maxSiblings)"))
        }
    }

    @Test func aClockNamingMoreReplicasThanTheCapIsRefused() throws {
        var counters: [ReplicaID: UInt64] = [:]
        for index in 0...Catalog.maxClockReplicas { counters[ReplicaID("r\(index)")] = 1 }
        let row = RowVersion(
            table: "partner", id: "p1", clock: VersionVector(counters),
            live: [Sibling(dot: Dot(replica: ReplicaID("r0"), counter: 1), value: .integer(1))], fields: [:])
        #expect(throws: SyncCoreError.self) { try Catalog.farelegami.validate(row) }
    }

    /// A partner whose name holds `nameSiblings` concurrent values, each from its own replica.
    static func partner(nameSiblings: Int) -> RowVersion {
        let replicas = (0..<nameSiblings).map { ReplicaID("r\($0)") }
        let clock = VersionVector(Dictionary(uniqueKeysWithValues: replicas.map { ($0, UInt64(1)) }))
        let names = replicas.map { Sibling(dot: Dot(replica: $0, counter: 1), value: .text("Nome \($0)")) }
        return RowVersion(
            table: "partner", id: "p1", clock: clock, live: [names[0].withValue(.integer(1))], fields: ["name": names])
    }
}

extension Sibling {
    /// The same dot with another value.
    func withValue(_ value: FieldValue) -> Sibling { Sibling(dot: dot, value: value) }
}
