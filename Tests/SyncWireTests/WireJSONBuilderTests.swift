import Foundation
import SyncCore
import SyncProtocol
import Testing
import SyncWire

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

    @Test func retainedViewsAreWrittenAsTheEncoderWritesThemAndReadBack() throws {
        let page = PullPage(
            epoch: "e1", rows: Self.rows, forget: [], through: 7, more: false, latestSequence: 9,
            retained: [Self.rows[1]])
        var builder = WireJSON.PullPageBuilder()
        for row in Self.rows { RowVersionJSON.encode(row).withUnsafeBytes { builder.appendRow(json: $0) } }
        RowVersionJSON.encode(Self.rows[1]).withUnsafeBytes { builder.appendRow(json: $0, retained: true) }
        let built = builder.finish(epoch: "e1", through: 7, more: false, latestSequence: 9)
        #expect(built == WireJSON.encode(page))
        #expect(built.withUnsafeBytes(WireJSON.pullPage) == page)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(try JSONDecoder().decode(PullPage.self, from: Data(built)) == page)
        #expect(Array(try encoder.encode(page)).withUnsafeBytes(WireJSON.pullPage) == page)

        var changeSet = ChangeSet(schemaVersion: 1, origin: Self.replica, site: "crema", since: 0, through: 0, rows: Self.rows)
        changeSet.retained = [Self.rows[2]]
        var changes = WireJSON.ChangeSetBuilder()
        for row in Self.rows {
            try RowStateJSON.encode(row).withUnsafeBytes { try changes.appendRow(state: $0, table: row.table, id: row.id) }
        }
        try RowStateJSON.encode(Self.rows[2]).withUnsafeBytes {
            try changes.appendRow(state: $0, table: "partner", id: "p2", retained: true)
        }
        let document = changes.finish(schemaVersion: 1, origin: Self.replica, site: "crema")
        #expect(document == WireJSON.encode(changeSet))
        #expect(try ChangeSetCodec.decode(document, catalog: .farelegami).retained == [Self.rows[2]])
        #expect(try JSONDecoder().decode(ChangeSet.self, from: Data(document)) == changeSet)
    }

    @Test func aPageOrChangeSetWithoutRetainedViewsReadsAsNone() throws {
        let page = WireJSON.PullPageBuilder().finish(epoch: "e", through: 0, more: false, latestSequence: 0)
        #expect(!String(decoding: page, as: UTF8.self).contains("retained"))
        #expect(page.withUnsafeBytes(WireJSON.pullPage)?.retained == nil)
    }

    @Test func anEmptyPageAndAnEmptyChangeSetAreValidDocuments() throws {
        let page = WireJSON.PullPageBuilder().finish(epoch: "e", through: 0, more: false, latestSequence: 0)
        #expect(page.withUnsafeBytes(WireJSON.pullPage)?.rows == [])
        let changeSet = WireJSON.ChangeSetBuilder().finish(schemaVersion: 1, origin: Self.replica, site: "crema")
        #expect(try ChangeSetCodec.decode(changeSet, catalog: .farelegami).rows.isEmpty)
    }
}
