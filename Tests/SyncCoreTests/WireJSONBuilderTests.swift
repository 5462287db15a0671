import SyncCore
import SyncProtocol
import Testing

/// Documents assembled from row states that are already JSON are the documents the encoder writes.
@Suite struct WireJSONBuilderTests {
    static let replica = ReplicaID("k3v5q2m7x9t4w8r2c6n1")
    static let rows: [RowVersion] = (0..<3).map { index in
        let dot = Dot(replica: replica, counter: UInt64(index + 1))
        return RowVersion(
            table: "partner", id: "p\(index)", clock: VersionVector([replica: UInt64(index + 1)]),
            live: [Sibling(dot: dot, value: .integer(1))],
            fields: ["name": [Sibling(dot: dot, value: .text("Società \"\(index)\"\n"))], "role": [Sibling(dot: dot, value: .null)]])
    }

    @Test func aPullPageBuiltFromStoredStatesIsThePageTheEncoderWrites() throws {
        let page = PullPage(
            epoch: "e1", rows: Self.rows, forget: [RowKey(table: "household", id: "h9")], through: 7, more: true,
            latestSequence: 9)
        var builder = WireJSON.PullPageBuilder()
        for row in Self.rows { RowVersionJSON.encode(row).withUnsafeBytes { builder.appendRow(json: $0) } }
        builder.appendForget(RowKey(table: "household", id: "h9"))
        let built = builder.finish(epoch: "e1", through: 7, more: true, latestSequence: 9)
        #expect(built == WireJSON.encode(page))
        #expect(built.withUnsafeBytes(WireJSON.pullPage) == page)
    }

    @Test func aChangeSetBuiltFromStoredStatesIsTheChangeSetTheEncoderWrites() throws {
        let changeSet = ChangeSet(schemaVersion: 1, origin: Self.replica, site: "crema", since: 0, through: 0, rows: Self.rows)
        var builder = WireJSON.ChangeSetBuilder()
        // Stored compact, and as wire JSON by an older build.
        for (index, row) in Self.rows.enumerated() {
            let stored = index.isMultiple(of: 2) ? RowStateJSON.encode(row) : RowVersionJSON.encode(row)
            try stored.withUnsafeBytes { try builder.appendRow(state: $0, table: row.table, id: row.id) }
        }
        #expect(builder.finish(schemaVersion: 1, origin: Self.replica, site: "crema") == WireJSON.encode(changeSet))
    }

    @Test func anEmptyPageAndAnEmptyChangeSetAreValidDocuments() throws {
        let page = WireJSON.PullPageBuilder().finish(epoch: "e", through: 0, more: false, latestSequence: 0)
        #expect(page.withUnsafeBytes(WireJSON.pullPage)?.rows == [])
        let changeSet = WireJSON.ChangeSetBuilder().finish(schemaVersion: 1, origin: Self.replica, site: "crema")
        #expect(try ChangeSetCodec.decode(changeSet, catalog: .farelegami).rows.isEmpty)
    }
}
