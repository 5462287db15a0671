import Foundation
@testable import MergeServer
import SQLiteDatabase
import SyncCore
import SyncProtocol
import SyncTestSupport
import Testing

/// Pulls pick their rows by the `rows_for_pull` index, which a store made before it gets when opened.
@Suite struct PullIndexTests {
    @Test func aStoreWithoutThePullIndexGetsItWhenOpenedAndStillServesPulls() async throws {
        let fixture = try await Fixture(sqliteOnly: true)
        let path = fixture.configuration.databasePath
        let partner = Rows.partner("p1", name: "P1", site: "crema", by: Replicas.crema, counter: 1)
        _ = try await fixture.store.push(
            Rows.changeSet([partner], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        try Connection(path: path).execute("DROP INDEX rows_for_pull")

        let reopened = try SQLiteChangeStore(path: path)
        let indexes = try Connection(path: path).query("SELECT name FROM sqlite_master WHERE name = 'rows_for_pull'")
        #expect(indexes.count == 1)
        let page = try await reopened.pull(replica: Replicas.cremona, since: 0, limit: 10, for: Fixture.authenticated("cremona"))
        #expect(page.rows == [partner])
    }

    @Test func theCentralOfficesPullQueryReadsRowsThroughTheIndex() throws {
        let details = try queryPlan(of: SQLiteChangeStore.pullSQL, central: true)
        #expect(details.contains("COVERING INDEX rows_for_pull"), "the scan reads the index alone: \(details)")
        #expect(!details.contains("TEMP B-TREE"), "rows come in sequence order without a sort: \(details)")
    }
}

/// A site's pull walks only the rows that can concern it: shared rows, its own site-class rows and
/// rows it must forget, each from its own partial index, never another site's site-class rows.
@Suite struct SitePullIndexTests {
    @Test func aSitesPullReadsOnlyItsThreeCoveringIndexes() throws {
        let details = try queryPlan(of: SQLiteChangeStore.sitePullSQL, central: false)
        for index in ["rows_shared_pull", "rows_site_pull", "rows_moved_pull"] {
            #expect(details.contains("COVERING INDEX \(index)"), "\(index) alone: \(details)")
        }
        #expect(!details.contains("rows_for_pull"), "no walk of every row: \(details)")
    }

    @Test func aSitesOneRowPageSkipsOtherSitesRowsAndSaysItIsComplete() async throws {
        let fixture = try await Fixture(sqliteOnly: true)
        var rows: [RowVersion] = []
        for index in 0..<300 {
            rows.append(Rows.household("cremona-h\(index)", site: "cremona", by: Replicas.cremona, counter: UInt64(index + 1)))
        }
        _ = try await fixture.store.push(
            Rows.changeSet(rows, from: Replicas.cremona, site: "cremona"), from: Fixture.authenticated("cremona"))
        let shared = Rows.partner("p1", name: "P1", site: "cremona", by: Replicas.cremona, counter: 400)
        _ = try await fixture.store.push(
            Rows.changeSet([shared], from: Replicas.cremona, site: "cremona"), from: Fixture.authenticated("cremona"))

        let page = try await fixture.store.pull(replica: Replicas.crema, since: 0, limit: 1, for: Fixture.authenticated("crema"))

        #expect(page.rows == [shared])
        #expect(page.more == false)
        #expect(page.through == page.latestSequence)
    }

    @Test func theSiteQueryPicksWhatTheGeneralQueryPicksForRandomStores() throws {
        var generator = SeededGenerator(seed: 6)
        let sites = ["crema", "cremona", "casalmaggiore"]
        let replicas = ["r-crema", "r-cremona", "r-casal"]
        for _ in 0..<20 {
            let connection = try Connection(path: ":memory:", create: true)
            try connection.execute(StoreSchema.sql)
            for seq in 1...200 {
                let privacy = ["site", "shared", "site"][Int(generator.next() % 3)]
                let owner = generator.next() % 5 == 0 ? nil : sites[Int(generator.next() % 3)]
                let formers = generator.next() % 4 == 0 ? sites.filter { _ in generator.next() % 2 == 0 } : []
                try connection.run(
                    "INSERT INTO rows (tbl, rid, owner_site, former_owners, privacy, seq, state, last_writer) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, '{}', ?7)",
                    [.text(privacy == "site" ? "household" : "partner"), .text("row-\(seq)"),
                     owner.map(SQLValue.text) ?? .null, formers.isEmpty ? .null : .text(formers.joined(separator: ",")),
                     .text(privacy), .integer(Int64(seq)),
                     generator.next() % 3 == 0 ? .null : .text(replicas[Int(generator.next() % 3)])])
            }
            for (site, replica) in zip(sites, replicas) {
                let since = Int64(generator.next() % 200)
                let limit = Int64(1 + generator.next() % 60)
                let parameters: [SQLValue] = [.integer(since), .integer(0), .text(site), .text(replica), .integer(limit)]
                let general = try connection.query(SQLiteChangeStore.pullSQL, parameters).map { Array($0.prefix(4)) }
                let bySite = try connection.query(SQLiteChangeStore.sitePullSQL, parameters).map { Array($0.prefix(4)) }
                // Compared outside #expect, which would print both pages whole.
                let same = bySite == general
                let firstDifference = zip(bySite, general).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(bySite.count, general.count)
                #expect(
                    same,
                    "site \(site), since \(since), limit \(limit): \(bySite.count) rows against \(general.count), first difference at \(firstDifference)")
            }
        }
    }
}

/// SQLite's plan for a pull query on an empty store, its steps joined by "; ".
func queryPlan(of sql: String, central: Bool) throws -> String {
    let connection = try Connection(path: ":memory:", create: true)
    try connection.execute(StoreSchema.sql)
    let plan = try connection.query(
        "EXPLAIN QUERY PLAN " + sql,
        [.integer(0), .integer(central ? 1 : 0), .text(central ? "hq" : "crema"), .text("r"), .integer(10)])
    return plan.compactMap { $0.last?.text }.joined(separator: "; ")
}
