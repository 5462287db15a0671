@testable import SiteClient
import SyncCore
import SyncProtocol
import SyncWire
import Testing

/// `PagePipeline` applies pages in order whatever the server's headers say: with all of them it asks
/// for the next page before decoding this one; without them (an older server), or with one missing
/// (a proxy that dropped it), it asks once this page is decoded, from its document. Each way the
/// sync asks for the same pages and gets each row once.
@Suite struct PagePipelineTests {
    enum Headers: CaseIterable { case all, none, afterDropped }

    static let ids = (1...7).map { "p\($0)" }
    static let origin = ReplicaID("k3v5q2m7x9t4w8r2c6n1")

    /// The snapshot page of `partner` after `after`, two rows a page, as a server at sequence 9 sends it.
    static func page(after: String, headers: Headers) -> ArrivedPage {
        let rest = ids.filter { $0.utf8.lexicographicallyPrecedes(after.utf8) == false && $0 != after }
        let rows = Array(rest.prefix(2))
        let more = rest.count > 2
        var builder = WireJSON.PullPageBuilder()
        for id in rows {
            let dot = Dot(replica: origin, counter: 1)
            builder.appendRow(RowVersion(
                table: "partner", id: id, clock: VersionVector([origin: 1]), live: [Sibling(dot: dot, value: .integer(1))],
                fields: ["site_id": [Sibling(dot: dot, value: .text("hq"))], "name": [Sibling(dot: dot, value: .text(id))]]))
        }
        var fields: [String: String] = [:]
        if headers != .none {
            fields["farelegami-page-more"] = more ? "1" : "0"
            fields["farelegami-page-through"] = "9"
            if more, headers == .all { fields["farelegami-page-after"] = rows.last }
        }
        let body = builder.finish(epoch: "e1", through: 9, more: more, latestSequence: 9)
        return ArrivedPage(response: HTTPResponse(status: 200, headers: fields, body: body), catalog: .farelegami)
    }

    @Test(arguments: Headers.allCases)
    func pagesComeInOrderEachRowOnceWhateverTheHeadersSay(headers: Headers) throws {
        let tables = ["partner"]
        let asked = Asked()
        let pages = PagePipeline<SnapshotPosition>(
            lane: ServerLane(), first: SnapshotPosition(upTo: 0, table: "partner", after: ""),
            fetch: { position throws(SyncError) in
                asked.append(position.after)
                return Self.page(after: position.after, headers: headers)
            },
            following: { ahead, page, at throws(SyncError) in
                try SyncSession.position(after: ahead, or: page, at: at, tables: tables)
            })
        defer { pages.drain() }
        var seen: [String] = []
        var positions: [String] = []
        while let ready = try pages.next() {
            seen += ready.page.rows.map(\.id)
            positions.append(ready.position.after)
            #expect(ready.following?.after == ready.page.rows.last.flatMap { ready.page.more ? $0.id : nil })
        }
        #expect(seen == Self.ids)
        #expect(positions == ["", "p2", "p4", "p6"])
        #expect(asked.values == ["", "p2", "p4", "p6"])
    }
}

/// The positions a fetch was asked for (fetches run on the lane's threads, one at a time).
final class Asked: @unchecked Sendable {
    // @unchecked: written by one fetch at a time (the pipeline starts a fetch only after the previous
    // one returned, which the lane's semaphore orders) and read after the pipeline is done.
    private(set) var values: [String] = []
    func append(_ value: String) { values.append(value) }
}
