import SyncCore
import SyncProtocol

/// The SQL the engine runs against each domain table, built once from the catalog.
struct TableStatements {
    struct Table {
        let spec: TableSpec
        /// `SELECT site_id, ... FROM t WHERE id = ?1`
        let select: String
        /// Inserts or replaces the visible values: `?1` is the id, then the columns in catalog order.
        let upsert: String
        /// `upsert` for a row that should be absent: fails (with FAIL, so without the statement
        /// journal an upsert's ABORT needs) when it is there. Same parameters.
        let insert: String
        /// `upsert` for a row that should be there: changes nothing when it is absent. Same parameters.
        let update: String
        /// `DELETE FROM t WHERE id = ?1`
        let delete: String
        /// Each column's allowed values (nil: any), in catalog order: a value a newer schema version
        /// allowed is kept in the row's state and shown as NULL until the replica moves to that version.
        let enumerations: [Set<String>?]

        /// What the domain table can hold of `value` in the column at `index`: the value, or NULL
        /// for a text its enumeration refuses.
        func storable(_ value: FieldValue, column index: Int) -> FieldValue {
            guard let allowed = enumerations[index], case .text(let text) = value else { return value }
            // Byte for byte, as the table's CHECK compares (a Set finds canonically equivalent
            // spellings too, e.g. a decomposed accent, which the CHECK refuses).
            if let member = allowed.firstIndex(of: text), allowed[member].utf8.elementsEqual(text.utf8) { return value }
            return .null
        }
    }

    private let byName: [String: Table]

    init(catalog: Catalog) {
        var byName: [String: Table] = [:]
        for spec in catalog.syncedTables {
            let columns = spec.columnNames
            let placeholders = (1...columns.count + 1).map { "?\($0)" }.joined(separator: ", ")
            let updates = columns.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            byName[spec.name] = Table(
                spec: spec,
                select: "SELECT \(columns.joined(separator: ", ")) FROM \(spec.name) WHERE id = ?1",
                upsert: "INSERT INTO \(spec.name) (id, \(columns.joined(separator: ", "))) VALUES (\(placeholders)) "
                    + "ON CONFLICT (id) DO UPDATE SET \(updates)",
                insert: "INSERT OR FAIL INTO \(spec.name) (id, \(columns.joined(separator: ", "))) VALUES (\(placeholders))",
                update: "UPDATE OR FAIL \(spec.name) SET "
                    + columns.enumerated().map { "\($1) = ?\($0 + 2)" }.joined(separator: ", ") + " WHERE id = ?1",
                delete: "DELETE FROM \(spec.name) WHERE id = ?1",
                enumerations: spec.columns.map { $0.allowed.map(Set.init) })
        }
        self.byName = byName
    }

    /// The statements of the synced table `name`, if there is one.
    subscript(name: String) -> Table? { byName[name] }
}
