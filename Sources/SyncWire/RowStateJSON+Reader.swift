import SyncCore
import SyncProtocol

/// What reading a compact stored state's siblings needs (see `RowStateJSON`): the replicas its
/// dots name by position, and the row's own dot, which a bare field value stands for.
struct CompactState {
    /// The clock's replicas, in the order the state names them (sorted by id, as it is encoded).
    let replicas: [ReplicaID]
    /// The dot of the row's single `live` sibling, if it has exactly one.
    let own: Dot?
}

extension JSONReader {
    /// A compact stored state (`[clock, live, fields]`) of row `table`/`id`.
    mutating func rowState(table: String, id: String) throws(RowVersionJSON.Malformed) -> RowVersion {
        try expect(UInt8(ascii: "["))
        let (clock, replicas) = try clockInOrder()
        try expect(UInt8(ascii: ","))
        let live = try siblings(replicas: replicas)
        let compact = CompactState(replicas: replicas, own: live.count == 1 ? live[0].dot : nil)
        try expect(UInt8(ascii: ","))
        let fields = try self.fields(table: table, compact: compact)
        try expect(UInt8(ascii: "]"))
        return RowVersion(table: table, id: id, clock: clock, live: live, fields: fields)
    }

    /// The clock `{"replica": counter, ...}` and its replicas in the order written, which a compact
    /// state's dots count in (its encoder writes them sorted, as the clock keeps them).
    private mutating func clockInOrder() throws(RowVersionJSON.Malformed) -> (VersionVector, [ReplicaID]) {
        var counters: [ReplicaID: UInt64] = [:]
        var replicas: [ReplicaID] = []
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") {
            position += 1
            return (VersionVector(), [])
        }
        while true {
            let replica = try replicaID()
            try expect(UInt8(ascii: ":"))
            guard counters.updateValue(try unsigned(), forKey: replica) == nil else {
                throw fail("replica \(replica.rawValue) twice in a clock")
            }
            replicas.append(replica)
            switch peek() {
            case UInt8(ascii: ","): position += 1; continue
            case UInt8(ascii: "}"): position += 1
            default: throw fail("expected ',' or '}'")
            }
            return (VersionVector(counters), replicas)
        }
    }

    /// A field's siblings: wire JSON's array, or with `compact` a stored state's bare value or array.
    mutating func fieldSiblings(_ compact: CompactState?) throws(RowVersionJSON.Malformed) -> [Sibling] {
        guard let compact else { return try siblings() }
        guard peek() != UInt8(ascii: "[") else { return try siblings(replicas: compact.replicas) }
        guard let own = compact.own else { throw fail("a bare field value in a state without a single live sibling") }
        return [Sibling(dot: own, value: try fieldValue())]
    }

    /// A sibling's replica given by position in a clock naming `count` replicas: the position, or
    /// nil (nothing read) when the replica is given by its id.
    mutating func replicaPosition(among count: Int) throws(RowVersionJSON.Malformed) -> Int? {
        guard peek() != UInt8(ascii: "\"") else { return nil }
        let position: UInt64
        do {
            position = try unsigned()
        } catch {
            throw fail("a sibling's replica is neither a position in the clock nor a replica id")
        }
        guard position < UInt64(count) else { throw fail("replica \(position) of a clock naming \(count)") }
        return Int(position)
    }
}
