import Foundation
@testable import MergeServer
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// Pulls pick their rows by the `rows_for_pull` index, which a store made before it gets when opened.
@Suite struct PullIndexTests {
    @Test func aStoreWithoutThePullIndexGetsItWhenOpenedAndStillServesPulls() async throws {
        let fixture = try await Fixture()
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

    @Test func thePullQueryReadsRowsThroughTheIndex() throws {
        let connection = try Connection(path: ":memory:", create: true)
        try connection.execute(StoreSchema.sql)
        let plan = try connection.query(
            "EXPLAIN QUERY PLAN " + SQLiteChangeStore.pullSQL,
            [.integer(0), .integer(0), .text("crema"), .text("r"), .integer(10)])
        let details = plan.compactMap { $0.last?.text }.joined(separator: "; ")
        #expect(details.contains("COVERING INDEX rows_for_pull"), "the scan reads the index alone: \(details)")
        #expect(!details.contains("TEMP B-TREE"), "rows come in sequence order without a sort: \(details)")
    }
}
