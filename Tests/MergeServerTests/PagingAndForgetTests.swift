import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

@Suite struct PagingAndForgetTests {
    @Test(arguments: [1, 7, 25, 5_000])
    func pagedPullsReturnEveryRowExactlyOnce(limit: Int) async throws {
        let fixture = try await Fixture()
        let partners = (0..<25).map { Rows.partner("p\($0)", name: "P\($0)", site: "crema", by: Replicas.crema, counter: UInt64($0 + 1)) }
        let households = (0..<5).map { Rows.household("h\($0)", site: "crema", by: Replicas.crema, counter: UInt64(100 + $0)) }
        _ = try await fixture.store.push(
            Rows.changeSet(partners + households, from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        try await fixture.app().test(.router) { client in
            var seen: [String] = []
            var since: UInt64 = 0
            var pages = 0
            while true {
                let page = try await client.pull(Replicas.cremona, since: since, limit: limit, token: fixture.tokens["cremona"])
                    .decoded(PullPage.self)
                #expect(page.through > since || !page.more)
                seen += page.rows.map(\.id)
                since = page.through
                pages += 1
                if !page.more { break }
            }
            #expect(seen.sorted() == partners.map(\.id).sorted(), "every shared row once, no household")
            #expect(since == 30)
            // A page holds up to `limit` rows cremona gets (the households it never sees are skipped, not
            // counted); a full page may be followed by an empty last one.
            #expect(pages == 25 / limit + 1)
        }
        let status = try await fixture.store.status(for: Fixture.authenticated("cremona"))
        #expect(status.sites[0].replicas[0].pulledThrough == 30 && status.sites[0].replicas[0].behind == 0)
    }

    @Test func aLimitAboveTheMaximumIsCappedAt5000() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.pull(Replicas.hq, limit: 1_000_000, token: fixture.tokens["hq"])
            #expect(response.status == .ok)
        }
    }

    @Test func movingAHouseholdFromCremaToCremonaPutsItInCremasForgetList() async throws {
        let fixture = try await Fixture()
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        try await fixture.app().test(.router) { client in
            _ = try await client.push(Rows.changeSet([household], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            let cremaCursor = try await client.pull(Replicas.crema, token: fixture.tokens["crema"]).decoded(PullPage.self).through
            let atHQ = try await client.pull(Replicas.hq, token: fixture.tokens["hq"]).decoded(PullPage.self).rows
            #expect(atHQ == [household])

            let moved = Rows.update(household, ["site_id": .text("cremona")], by: Replicas.hq, counter: 1)
            let receipt = try await client.push(Rows.changeSet([moved], from: Replicas.hq, site: "hq"), token: fixture.tokens["hq"])
            #expect(receipt.status == .ok)

            let crema = try await client.pull(Replicas.crema, since: cremaCursor, token: fixture.tokens["crema"]).decoded(PullPage.self)
            #expect(crema.rows.isEmpty)
            #expect(crema.forget == [RowKey(table: "household", id: "h1")])
            let cremona = try await client.pull(Replicas.cremona, token: fixture.tokens["cremona"]).decoded(PullPage.self)
            #expect(cremona.rows == [moved] && cremona.forget.isEmpty)

            // Crema's edit made before it saw the move is kept, the row stays cremona's, and crema is
            // told again to forget it (issue 16: a move never blocks an office).
            let stale = Rows.update(household, ["adults": .integer(5)], by: Replicas.crema, counter: 2)
            let merged = try await client.push(Rows.changeSet([stale], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(merged.status == .ok)
            let again = try await client.pull(Replicas.crema, since: crema.through, token: fixture.tokens["crema"]).decoded(PullPage.self)
            #expect(again.rows.isEmpty && again.forget == [RowKey(table: "household", id: "h1")])
            let atCremona = try await client.pull(Replicas.cremona, token: fixture.tokens["cremona"]).decoded(PullPage.self)
            #expect(atCremona.rows.first?.visibleValues["adults"] == .integer(5))
            #expect(atCremona.rows.first?.owningSite == "cremona")
            // Once it has seen the move, crema cannot take the row back.
            let takeBack = Rows.update(moved, ["site_id": .text("crema")], by: Replicas.crema, counter: 3)
            let refused = try await client.push(Rows.changeSet([takeBack], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(refused.status == .forbidden)
        }
    }

    @Test func aHouseholdMovedTwiceIsStillForgottenByItsFirstSite() async throws {
        let fixture = try await Fixture()
        let hq = Fixture.authenticated("hq")
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        _ = try await fixture.store.push(Rows.changeSet([household], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let toCremona = Rows.update(household, ["site_id": .text("cremona")], by: Replicas.hq, counter: 1)
        let toHQ = Rows.update(toCremona, ["site_id": .text("hq")], by: Replicas.hq, counter: 2)
        _ = try await fixture.store.push(Rows.changeSet([toCremona], from: Replicas.hq, site: "hq"), from: hq)
        _ = try await fixture.store.push(Rows.changeSet([toHQ], from: Replicas.hq, site: "hq"), from: hq)
        for site in ["crema", "cremona"] {
            let page = try await fixture.store.pull(replica: Replicas.of(site), since: 1, limit: 100, for: Fixture.authenticated(site))
            #expect(page.forget == [RowKey(table: "household", id: "h1")], "\(site)")
            #expect(page.rows.isEmpty)
        }
    }

    @Test func aHouseholdMovedBackIsNoLongerForgotten() async throws {
        let fixture = try await Fixture()
        let hq = Fixture.authenticated("hq")
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        _ = try await fixture.store.push(Rows.changeSet([household], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let away = Rows.update(household, ["site_id": .text("cremona")], by: Replicas.hq, counter: 1)
        let back = Rows.update(away, ["site_id": .text("crema")], by: Replicas.hq, counter: 2)
        _ = try await fixture.store.push(Rows.changeSet([away], from: Replicas.hq, site: "hq"), from: hq)
        _ = try await fixture.store.push(Rows.changeSet([back], from: Replicas.hq, site: "hq"), from: hq)
        let crema = try await fixture.store.pull(replica: Replicas.crema, since: 1, limit: 100, for: Fixture.authenticated("crema"))
        #expect(crema.rows == [back] && crema.forget.isEmpty)
        let cremona = try await fixture.store.pull(replica: Replicas.cremona, since: 0, limit: 100, for: Fixture.authenticated("cremona"))
        #expect(cremona.rows.isEmpty && cremona.forget == [RowKey(table: "household", id: "h1")])
    }
}
