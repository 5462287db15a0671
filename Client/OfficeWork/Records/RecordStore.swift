import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore

/// Reads and writes domain rows with ordinary SQL (the replica's triggers capture every write).
/// Its methods run inside the caller's transaction.
struct RecordStore {
    let connection: Connection
    let catalog: Catalog

    /// The column a reference may name instead of the id (a household's code, a partner's name, ...).
    static let alternateKeys = [
        "household": "code", "partner": "name", "staff": "name", "lab": "title", "civic_center": "name",
    ]

    /// A fresh random row id (a lower-case UUID, like the schema's default).
    static func newID() -> String { UUID().uuidString.lowercased() }

    /// Inserts a row of `table` with `values` (columns left out take their defaults) and reads it back.
    func insert(_ table: String, _ values: [String: FieldValue], id: String = newID()) throws -> SavedRecord {
        let columns = values.keys.sorted()
        let names = (["id"] + columns).joined(separator: ", ")
        let marks = (1...columns.count + 1).map { "?\($0)" }.joined(separator: ", ")
        try connection.run(
            "INSERT INTO \(table) (\(names)) VALUES (\(marks))", [.text(id)] + columns.map { values[$0]!.sqlValue })
        return try fetch(table, id: id)!
    }

    /// Sets `values` on row `id` of `table` and reads it back.
    func update(_ table: String, id: String, _ values: [String: FieldValue]) throws -> SavedRecord {
        let columns = values.keys.sorted()
        let sets = columns.enumerated().map { "\($1) = ?\($0 + 2)" }.joined(separator: ", ")
        try connection.run(
            "UPDATE \(table) SET \(sets) WHERE id = ?1", [.text(id)] + columns.map { values[$0]!.sqlValue })
        return try fetch(table, id: id)!
    }

    /// Row `id` of `table`, if there is one.
    func fetch(_ table: String, id: String) throws -> SavedRecord? {
        try rows(table, where: "id", equals: id).first
    }

    /// The rows of `table` whose `column` equals `value`, ordered by id.
    func rows(_ table: String, where column: String, equals value: String) throws -> [SavedRecord] {
        guard let spec = catalog.table(named: table) else { throw OfficeError.unknownTable(table) }
        let columns = spec.columnNames
        let sql = "SELECT id, \(columns.joined(separator: ", ")) FROM \(table) WHERE \(column) = ?1 ORDER BY id"
        return try connection.query(sql, [.text(value)]).map { row in
            SavedRecord(
                table: table, id: row[0].text ?? "",
                values: Dictionary(uniqueKeysWithValues: zip(columns, row.dropFirst().map(FieldValue.init(_:)))))
        }
    }

    /// The id of the row of `table` that `key` names: its id, or else its alternate key (code, name).
    ///
    /// - Throws: `OfficeError.missingReference` or `.ambiguousReference` naming `field`.
    func resolve(_ key: String, in table: String, field: String) throws -> String {
        if try fetch(table, id: key) != nil { return key }
        if let column = Self.alternateKeys[table] {
            let matches = try connection.query("SELECT id FROM \(table) WHERE \(column) = ?1 LIMIT 2", [.text(key)])
            if matches.count > 1 { throw OfficeError.ambiguousReference(field: field, table: table, key: key) }
            if let id = matches.first?[0].text { return id }
        }
        throw OfficeError.missingReference(field: field, table: table, key: key)
    }

    /// Whether `table` has any row.
    func isEmpty(_ table: String) throws -> Bool {
        try connection.query("SELECT 1 FROM \(table) LIMIT 1").isEmpty
    }
}
