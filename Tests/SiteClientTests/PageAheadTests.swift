@testable import SiteClient
import SyncCore
import SyncProtocol
import SyncWire
import Testing

/// The `FareLegami-Page-*` headers a sync reads to ask for the next page before decoding this one.
@Suite struct PageAheadTests {
    static func arrived(more: Bool, through: UInt64, headers: [String: String]) -> ArrivedPage {
        let builder = WireJSON.PullPageBuilder()
        let body = builder.finish(epoch: "e1", through: through, more: more, latestSequence: through + 5)
        return ArrivedPage(response: HTTPResponse(status: 200, headers: headers, body: body), catalog: .farelegami)
    }

    @Test func headersAreReadAsTheServerWritesThemAndWithoutThemThePageIsDecodedFirst() throws {
        let page = Self.arrived(
            more: true, through: 42,
            headers: ["farelegami-page-more": "1", "farelegami-page-through": "42", "farelegami-page-after": "p%20%C3%A84"])
        #expect(page.ahead == PageAhead(headers: page.response.headers))
        #expect(page.ahead?.more == true && page.ahead?.through == 42 && page.ahead?.after == "p è4")
        #expect(try page.decoded().through == 42)
        #expect(Self.arrived(more: true, through: 42, headers: [:]).ahead == nil, "an older server: decode first")
        #expect(Self.arrived(more: true, through: 42, headers: ["farelegami-page-more": "yes", "farelegami-page-through": "42"]).ahead == nil)
    }

    @Test func aPageWhoseHeadersDisagreeWithItsDocumentFailsTheSync() {
        let wrongThrough = Self.arrived(more: true, through: 42, headers: ["farelegami-page-more": "1", "farelegami-page-through": "41"])
        #expect(throws: SyncError.self) { try wrongThrough.decoded() }
        let wrongMore = Self.arrived(more: false, through: 42, headers: ["farelegami-page-more": "1", "farelegami-page-through": "42"])
        #expect(throws: SyncError.self) { try wrongMore.decoded() }
    }

    @Test func aSnapshotGoesOnAfterTheKeyTheHeadersNameThenWithTheNextTable() throws {
        let tables = ["partner", "household"]
        let start = SnapshotPosition(upTo: 0, table: "partner", after: "")
        let more = try #require(PageAhead(headers: ["farelegami-page-more": "1", "farelegami-page-through": "9", "farelegami-page-after": "p7"]))
        #expect(try SyncSession.position(after: more, at: start, tables: tables) == SnapshotPosition(upTo: 9, table: "partner", after: "p7"))
        let done = try #require(PageAhead(headers: ["farelegami-page-more": "0", "farelegami-page-through": "9"]))
        #expect(try SyncSession.position(after: done, at: start, tables: tables) == SnapshotPosition(upTo: 9, table: "household", after: ""))
        let last = SnapshotPosition(upTo: 9, table: "household", after: "h1")
        #expect(try SyncSession.position(after: done, at: last, tables: tables) == nil)
        // Taken at sequence 0, the snapshot ends with its first page: the server has never held a row.
        let empty = try #require(PageAhead(headers: ["farelegami-page-more": "0", "farelegami-page-through": "0"]))
        #expect(try SyncSession.position(after: empty, or: nil, at: start, tables: tables) == nil)
        #expect(try SyncSession.position(after: done, or: nil, at: start, tables: tables)?.table == "household")
        // More rows, but no later key: the sync stops rather than asking for the same page again.
        let stuck = try #require(PageAhead(headers: ["farelegami-page-more": "1", "farelegami-page-through": "9", "farelegami-page-after": "p7"]))
        #expect(throws: SyncError.self) {
            try SyncSession.position(after: stuck, at: SnapshotPosition(upTo: 9, table: "partner", after: "p7"), tables: tables)
        }
    }
}
