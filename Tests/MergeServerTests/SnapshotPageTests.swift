import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import SyncWire
import Testing

/// `GET /v1/snapshot`: a new replica's initial sync as each table's rows in key order, all as of one
/// server sequence (run on both stores: MergeServerTests).
@Suite struct SnapshotPageTests {
    @Test(arguments: [1, 4, 5_000])
    func aSnapshotSendsEachRowTheSiteMayHoldOnceInKeyOrderAndLeavesLaterChangesToPulls(limit: Int) async throws {
        let fixture = try await Fixture()
        // Ids pushed out of key order; crema's households, which cremona never receives, in between.
        let ids = ["p07", "p02", "p10", "p05", "p01", "p09", "p03", "p08", "p04", "p06"]
        let partners = ids.enumerated().map { Rows.partner($1, name: $1, site: "crema", by: Replicas.crema, counter: UInt64($0 + 1)) }
        let households = (0..<3).map { Rows.household("h\($0)", site: "crema", by: Replicas.crema, counter: UInt64(50 + $0)) }
        _ = try await fixture.store.push(
            Rows.changeSet(partners + households, from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let cremona = Fixture.authenticated("cremona")

        // Asked at 0, the snapshot is taken at the newest sequence.
        let upTo = try await fixture.store.snapshotPage(
            replica: Replicas.cremona, table: "partner", after: "", upTo: 0, limit: 1, for: cremona
        ).through
        #expect(upTo == 13)
        // A change after the snapshot's sequence is not in it: it comes with the pulls after it.
        let renamed = Rows.update(partners[0], ["name": .text("renamed")], by: Replicas.crema, counter: 90)
        _ = try await fixture.store.push(
            Rows.changeSet([renamed], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))

        var seen: [String] = []
        var after = ""
        var pages = 0
        while true {
            let page = try await fixture.store.snapshotPage(
                replica: Replicas.cremona, table: "partner", after: after, upTo: upTo, limit: limit, for: cremona
            ).decoded()
            #expect(page.through == upTo && page.forget.isEmpty && page.rows.count <= limit)
            seen += page.rows.map(\.id)
            pages += 1
            guard page.more, let last = page.rows.last?.id else { break }
            after = last
        }
        #expect(seen == ids.sorted().filter { $0 != "p07" }, "key order, each once, p07 (changed after) left out")
        #expect(pages == (limit == 1 ? 10 : limit == 4 ? 3 : 1))
        let householdPage = try await fixture.store.snapshotPage(
            replica: Replicas.cremona, table: "household", after: "", upTo: upTo, limit: 100, for: cremona)
        #expect(householdPage.rowCount == 0 && !householdPage.more, "another site's households are never sent")
        let pulled = try await fixture.store.pull(replica: Replicas.cremona, since: upTo, limit: 100, for: cremona)
        #expect(pulled.rows.map(\.id) == ["p07"], "the ordinary pull from the snapshot's sequence brings the later change")
    }

    @Test func rowsTheReplicaPushedInTheirStoredStateAreNotSentBack() async throws {
        let fixture = try await Fixture()
        let mine = Rows.partner("p1", name: "Mine", site: "crema", by: Replicas.crema, counter: 1)
        let theirs = Rows.partner("p2", name: "Theirs", site: "cremona", by: Replicas.cremona, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([mine], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        _ = try await fixture.store.push(
            Rows.changeSet([theirs], from: Replicas.cremona, site: "cremona"), from: Fixture.authenticated("cremona"))
        let page = try await fixture.store.snapshotPage(
            replica: Replicas.crema, table: "partner", after: "", upTo: 0, limit: 100, for: Fixture.authenticated("crema")
        ).decoded()
        #expect(page.rows.map(\.id) == ["p2"], "crema holds p1 as stored: not sent back")
    }

    @Test func theCentralOfficesSnapshotHoldsEverySitesRows() async throws {
        let fixture = try await Fixture()
        let households = (0..<3).map { Rows.household("h\($0)", site: "crema", by: Replicas.crema, counter: UInt64(1 + $0)) }
        _ = try await fixture.store.push(
            Rows.changeSet(households, from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let page = try await fixture.store.snapshotPage(
            replica: Replicas.hq, table: "household", after: "", upTo: 0, limit: 100, for: Fixture.authenticated("hq")
        ).decoded()
        #expect(page.rows.map(\.id) == ["h0", "h1", "h2"])
    }

    /// The `FareLegami-Page-*` headers say where the next page starts, so a client asks for it before
    /// it decodes this one: they match each page's document, and walking a table by them alone (ids
    /// that need escaping included) gives its rows once each, as walking by the documents does.
    @Test func eachPagesHeadersSayWhereTheNextStartsAsItsDocumentDoes() async throws {
        let fixture = try await Fixture()
        let ids = ["p 1", "p+2", "p/3", "pè4", "p%5", "p&6", "p=7"]
        let partners = ids.enumerated().map { Rows.partner($1, name: $1, site: "crema", by: Replicas.crema, counter: UInt64($0 + 1)) }
        _ = try await fixture.store.push(
            Rows.changeSet(partners, from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        try await fixture.app().test(.router) { client in
            var after = ""
            var upTo: UInt64 = 0
            var seen: [String] = []
            while true {
                let escaped = after.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let response = try await client.execute(
                    uri: "/v1/snapshot?replica=\(Replicas.cremona)&table=partner&after=\(escaped)&upTo=\(upTo)&limit=2",
                    method: .get, headers: .bearer(fixture.tokens["cremona"]))
                let page = try #require(response.body.withUnsafeReadableBytes { WireJSON.pullPage($0) })
                #expect(response.headers[PageHeaders.more] == (page.more ? "1" : "0"))
                #expect(response.headers[PageHeaders.through] == String(page.through))
                seen += page.rows.map(\.id)
                upTo = page.through
                guard page.more else {
                    #expect(response.headers[PageHeaders.after] == nil)
                    break
                }
                let next = try #require(response.headers[PageHeaders.after]?.removingPercentEncoding)
                #expect(next == page.rows.last?.id)
                after = next
            }
            #expect(seen == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })

            let pull = try await client.pull(Replicas.cremona, since: 0, limit: 3, token: fixture.tokens["cremona"])
            let page = try #require(pull.body.withUnsafeReadableBytes { WireJSON.pullPage($0) })
            #expect(pull.headers[PageHeaders.more] == "1" && page.more)
            #expect(pull.headers[PageHeaders.through] == String(page.through))
            #expect(pull.headers[PageHeaders.after] == nil)
        }
    }

    @Test func aTableNoReplicaSyncsOrAnotherSitesReplicaIsRefusedOverHTTP() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let local = try await client.execute(
                uri: "/v1/snapshot?replica=\(Replicas.crema)&table=person_identity", method: .get,
                headers: .bearer(fixture.tokens["crema"]))
            #expect(local.status == .badRequest && local.errorBody?.error.code == "unknown_table", "\(local.text)")
            let other = try await client.execute(
                uri: "/v1/snapshot?replica=\(Replicas.cremona)&table=partner", method: .get, headers: .bearer(fixture.tokens["crema"]))
            #expect(other.status == .forbidden)
            let missing = try await client.execute(
                uri: "/v1/snapshot?replica=\(Replicas.crema)", method: .get, headers: .bearer(fixture.tokens["crema"]))
            #expect(missing.status == .badRequest && missing.text.contains("table"))
            let fine = try await client.execute(
                uri: "/v1/snapshot?replica=\(Replicas.crema)&table=partner&after=&upTo=0&limit=10", method: .get,
                headers: .bearer(fixture.tokens["crema"]))
            #expect(fine.status == .ok)
        }
    }
}
