import Foundation
import ReplicaStore
import SyncCore

extension Bench {
    /// Moving a replica of `rows` rows (every row versioned, as after a sync) to a published catalog
    /// version, in one transaction: adding a column to each workload table, then widening an
    /// enumeration (partner.role, whose CHECK is rewritten and whose stored values are shown again).
    func schemaUpgrade(into report: inout BenchReport) throws {
        let rows = parameters.rows
        let path = directory + "/schema-upgrade.sqlite"
        defer { removeDatabase(path) }
        let replica = try Replica.create(path: path, site: "crema")
        try replica.connection.execute("BEGIN")
        try replica.connection.insertRows(Workload(site: "crema", seed: 5, randomIDs: parameters.randomIDs), 0..<rows)
        try replica.connection.execute("COMMIT")
        _ = try replica.cutLocalVersions()
        let added = Self.catalog(version: 2, from: replica.catalog) { table in
            Workload.tables.contains(table.name) ? [ColumnSpec("follow_up_on")] : []
        } widening: { _ in nil }
        let addSeconds = try Stopwatch.seconds { _ = try replica.upgradeSchema(to: added) }
        let widened = Self.catalog(version: 3, from: added) { _ in [] } widening: { table in
            table.name == "partner" ? ("role", ["lead", "partner", "supporter", "sponsor"]) : nil
        }
        let widenSeconds = try Stopwatch.seconds { _ = try replica.upgradeSchema(to: widened) }
        guard try replica.connection.query("PRAGMA integrity_check") == [[.text("ok")]] else {
            throw BenchError("the replica is damaged after the schema upgrades")
        }
        report.add(
            "schema_add_column_ms", "replica of \(rows) rows: add a column to 3 tables (one transaction)", addSeconds * 1_000, "ms")
        report.add(
            "schema_widen_enum_ms", "replica of \(rows) rows: widen an enumeration (CHECK rewritten in place)",
            widenSeconds * 1_000, "ms")
    }

    /// `base` at `version` with the columns `added` returns appended to each table and the enumeration
    /// `widening` returns (column, values) set.
    private static func catalog(
        version: Int, from base: Catalog, added: (TableSpec) -> [ColumnSpec], widening: (TableSpec) -> (String, [String])?
    ) -> Catalog {
        Catalog(schemaVersion: version, tables: base.tables.map { table in
            let wide = widening(table)
            let columns = table.columns.dropFirst().map { column in
                guard let wide, column.name == wide.0 else { return column }
                return ColumnSpec(column.name, column.type, allowed: wide.1, references: column.references, label: column.label)
            }
            return TableSpec(
                table.name, table.privacy, columns + added(table), label: table.label, pluralLabel: table.pluralLabel,
                naming: table.naming)
        })
    }
}
