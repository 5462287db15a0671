import Testing
@testable import MergeServer

/// On PostgreSQL too a site's pull walks only its three partial indexes, and the central office's the
/// index by sequence: the plan PostgreSQL picks for the store's queries once a table is too big to scan
/// (`enable_seqscan` off stands for that on a test's small tables).
@Suite(.enabled(if: TestStore.postgres != nil, "needs FARELEGAMI_TEST_POSTGRES (scripts/test.sh sets it)"))
struct PostgresPullIndexTests {
    @Test func aSitesPullReadsOnlyItsThreePartialIndexes() async throws {
        let plan = try await Self.plan(of: PostgresChangeStore.sitePullSQL, [.integer(0), .text("crema"), .text("r"), .integer(10)])
        for index in ["rows_shared_pull", "rows_site_pull", "rows_moved_pull"] {
            #expect(plan.contains(index), "\(index): \(plan)")
        }
        #expect(!plan.contains("Seq Scan") && !plan.contains("rows_by_seq"), "no walk of every row: \(plan)")
    }

    @Test func theCentralOfficesPullWalksTheSequenceIndexWithoutASort() async throws {
        let plan = try await Self.plan(of: PostgresChangeStore.centralPullSQL, [.integer(0), .text("r"), .integer(10)])
        #expect(plan.contains("rows_by_seq") && !plan.contains("Sort"), "\(plan)")
    }

    /// PostgreSQL's plan for `sql` on a new, empty store, its lines joined by "; ".
    static func plan(of sql: String, _ values: [PostgresValue]) async throws -> String {
        let location = try await TestStore.newDatabase(on: try #require(TestStore.postgres))
        _ = try await PostgresChangeStore.create(location)
        let store = try await PostgresChangeStore.open(location, connections: 1)
        defer { store.close() }
        return try await store.inTransaction("explaining a pull") { session in
            try await session.rows("SET LOCAL enable_seqscan = off")
            return try await session.rows("EXPLAIN " + sql, values).compactMap { try $0.text(0) }.joined(separator: "; ")
        }
    }
}
