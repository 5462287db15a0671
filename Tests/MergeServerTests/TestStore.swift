import Foundation
@testable import MergeServer

/// The store the server tests run against: a SQLite file, or, when `FARELEGAMI_TEST_POSTGRES` names
/// a PostgreSQL server (`postgres://USER@HOST:PORT/postgres`, the throwaway cluster
/// `scripts/test.sh` starts), a new database on it for each fixture. `scripts/test.sh` runs the
/// store suites once each way: one behavioural suite, both stores.
enum TestStore {
    /// The PostgreSQL server of this run, if any.
    static let postgres: String? = ProcessInfo.processInfo.environment["FARELEGAMI_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// A new, empty store and its address (`--store`): at `sqlitePath` (always, when `sqliteOnly`:
    /// a test of the SQLite file itself), or in a new database of the run's PostgreSQL server.
    static func make(
        sqlitePath: String, sqliteOnly: Bool = false, metrics: ServerMetrics? = nil,
        now: @escaping @Sendable () -> Date = Date.init
    ) async throws -> (store: any AdministeredStore, address: String) {
        guard let postgres, !sqliteOnly else {
            try SQLiteChangeStore.create(path: sqlitePath)
            return (try SQLiteChangeStore(path: sqlitePath, metrics: metrics, now: now), sqlitePath)
        }
        let location = try await newDatabase(on: postgres)
        _ = try await PostgresChangeStore.create(location)
        return (try await PostgresChangeStore.open(location, metrics: metrics, connections: 4, now: now), location.description)
    }

    /// A new empty database on the server at `address`, for one test.
    static func newDatabase(on address: String) async throws -> PostgresLocation {
        let server = try PostgresLocation(address)
        let name = "fl_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        return try await server.createDatabase(named: name)
    }
}
