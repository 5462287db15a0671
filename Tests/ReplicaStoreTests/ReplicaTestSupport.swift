import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// Runs `body` with a fresh directory of its own, removed when `body` returns or throws.
///
/// The directory is on a RAM-backed file system when the machine has one (`/dev/shm`): replica
/// files behave the same there, but creating hundreds of them costs no disk syncs.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let ramDisk = "/dev/shm"
    let parent = FileManager.default.isWritableFile(atPath: ramDisk)
        ? URL(fileURLWithPath: ramDisk) : FileManager.default.temporaryDirectory
    let directory = parent.appendingPathComponent("replica-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(directory)
}

extension Replica {
    /// A new replica file `name` in `directory`. Tests do not need durability, so commits skip fsync.
    static func fresh(in directory: String, _ name: String, site: String = "crema") throws -> Replica {
        let replica = try Replica.create(path: directory + "/" + name + ".sqlite", site: site)
        try replica.connection.execute("PRAGMA synchronous = OFF")
        return replica
    }

    /// Runs one SQL statement with `values`, as an application would.
    func sql(_ statement: String, _ values: SQLValue...) throws {
        try connection.run(statement, values)
    }

    /// Every row of `table`, ordered by id, as SQLite returns them.
    func rows(of table: String) throws -> [[SQLValue]] {
        try connection.query("SELECT * FROM \(table) ORDER BY id")
    }

    /// The visible values of row `id` of `table` by column (nil when the row is absent).
    func values(_ table: String, _ id: String) throws -> [String: FieldValue]? {
        let columns = Catalog.farelegami.table(named: table)!.columnNames
        let query = "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE id = ?1"
        guard let row = try connection.query(query, [.text(id)]).first else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(columns, row.map(FieldValue.init(sqlite:))))
    }

    /// Every table of the file (domain and `_fl_` bookkeeping) with all its rows in a fixed order:
    /// equal snapshots mean nothing in the file changed.
    func snapshot() throws -> [String: [String]] {
        let tables = try connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .compactMap { $0[0].text }
        var snapshot: [String: [String]] = [:]
        for table in tables {
            snapshot[table] = try connection.query("SELECT * FROM \"\(table)\"").map { "\($0)" }.sorted()
        }
        return snapshot
    }

    /// The counter of the last dot this replica wrote.
    func counter() throws -> UInt64 {
        try #require(meta(MetaKey.counter).flatMap(UInt64.init))
    }

    /// Exports everything and imports it into `target`, as a file carried between offices would.
    @discardableResult
    func send(to target: Replica) throws -> ApplySummary {
        try target.importChangeSet(ChangeSetCodec.encode(exportChangeSet()))
    }
}

extension FieldValue {
    /// A value read back from SQLite.
    init(sqlite value: SQLValue) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .real(let real): self = .real(real)
        case .text(let text): self = .text(text)
        case .null, .blob: self = .null
        }
    }

    /// The value to bind into SQL.
    var bound: SQLValue {
        switch self {
        case .null: .null
        case .integer(let integer): .integer(integer)
        case .real(let real): .real(real)
        case .text(let text): .text(text)
        }
    }
}

/// The synced tables, in catalog order.
let syncedTableNames = Catalog.farelegami.syncedTables.map(\.name)
