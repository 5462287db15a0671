import Foundation
import SyncCore
import SyncProtocol
import Testing

/// The data model is one file, protocol/catalog.json: the built-in catalog is read from it, a
/// published version is checked against it (SYNC.md, "Schema versions").
struct CatalogFileTests {
    @Test func theBuiltInCatalogIsVersionOneOfTheFileWithItsLabels() throws {
        let catalog = Catalog.farelegami
        #expect(catalog.schemaVersion == 1)
        #expect(catalog.tables.count == 17)
        #expect(catalog.table(named: "household")?.privacy == .site)
        #expect(catalog.table(named: "household")?.columnNames.first == "site_id")
        #expect(catalog.table(named: "pact")?.column(named: "status")?.valueLabels["active"]?.it == "attivo")
        #expect(catalog.table(named: "household")?.pluralLabel?.it == "Nuclei familiari")
        #expect(catalog.namingColumns(of: "person") == ["household_id", "relation", "birth_year"])
        let again = try Catalog(json: catalog.document.encoded())
        #expect(again.tables == catalog.tables, "the file round-trips")
    }

    @Test(arguments: [
        ("{ nope", "not valid JSON"),
        (#"{"format":"other","formatVersion":1,"version":2,"tables":[]}"#, "'format' must be"),
        (#"{"format":"farelegami-catalog","formatVersion":1,"version":2,"tables":[]}"#, "no tables"),
        (#"{"format":"farelegami-catalog","formatVersion":1,"version":2,"tables":[{"name":"site","privacy":"shared","columns":[{"name":"x","type":"blob"}]}]}"#, "type must be"),
        (#"{"format":"farelegami-catalog","formatVersion":1,"version":2,"tables":[{"name":"site","privacy":"secret","columns":[]}]}"#, "privacy must be"),
        (#"{"format":"farelegami-catalog","formatVersion":1,"version":2,"tables":[{"name":"site","privacy":"shared","columns":[{"name":"a","references":"nowhere"}]}]}"#, "which the catalog lacks"),
        (#"{"format":"farelegami-catalog","formatVersion":1,"version":2,"tables":[{"name":"site","privacy":"shared","columns":[{"name":"a"},{"name":"a"}]}]}"#, "listed twice"),
        (#"{"format":"farelegami-catalog","formatVersion":1,"version":2,"tables":[{"name":"site","privacy":"shared","columns":[{"name":"n","type":"integer","allowed":["1"]}]}]}"#, "on a text column"),
        (#"{"format":"farelegami-catalog","formatVersion":1,"version":2,"tables":[{"name":"Site-X","privacy":"shared","columns":[]}]}"#, "not a table name"),
        (#"{"format":"farelegami-catalog","formatVersion":1,"version":2,"tables":[{"name":"lab","privacy":"shared","columns":[]}]}"#, "must keep the table 'site'"),
    ])
    func anInvalidFileIsRefusedNamingTheProblem(json: String, problem: String) {
        #expect {
            _ = try Catalog(json: Array(json.utf8))
        } throws: { error in
            guard case .invalidCatalog(let detail) = error as? SyncCoreError else { return false }
            return detail.contains(problem)
        }
    }

    @Test func aFileOfANewerFormIsRefusedAsFromANewerBuild() {
        let json = #"{"format":"farelegami-catalog","formatVersion":9,"version":2,"tables":[]}"#
        #expect(throws: SyncCoreError.catalogFromNewerBuild(formatVersion: 9, supported: 1)) {
            _ = try Catalog(json: Array(json.utf8))
        }
    }

    @Test func additiveChangesAreListedAndEverythingElseIsRefusedWithEveryReason() throws {
        let base = Catalog.farelegami
        let added = Self.edited(base, version: 2) { table in
            table.name == "household" ? [ColumnSpec("housing")] : []
        }
        let change = try CatalogChange.between(base, added)
        #expect(change.lines == ["new column household.housing"])
        #expect(change.needsRowsAgain)

        let bad = Catalog(schemaVersion: 1, tables: base.tables.compactMap { table -> TableSpec? in
            switch table.name {
            case "civic_center": return nil
            case "lab": return TableSpec("lab", .site, Array(table.columns.dropFirst()))
            case "household":
                return TableSpec(table.name, table.privacy, table.columns.dropFirst().compactMap { column in
                    switch column.name {
                    case "adults": ColumnSpec("adults", .text)
                    case "referral_source": nil
                    case "vulnerability": ColumnSpec("vulnerability", allowed: ["high"])
                    default: column
                    }
                })
            default: return table
            }
        })
        #expect {
            try CatalogChange.between(base, bad)
        } throws: { error in
            guard case .catalogChangeRefused(_, _, let reasons) = error as? SyncCoreError else { return false }
            let text = reasons.joined(separator: "\n")
            return text.contains("must be above 1") && text.contains("table civic_center is removed")
                && text.contains("lab changes privacy") && text.contains("household.adults changes type")
                && text.contains("household.referral_source is dropped without being retired")
                && text.contains("household.vulnerability becomes an enumeration")
        }
    }

    @Test func aRetiredColumnMayBeDroppedAndAReplicaCatchingUpMayDropAnyColumn() throws {
        let base = Catalog.farelegami
        let retired = Catalog(schemaVersion: 2, tables: base.tables.map { table in
            table.name != "household" ? table : TableSpec(table.name, table.privacy, table.columns.dropFirst().map { column in
                column.name == "referral_source" ? ColumnSpec("referral_source", retired: true) : column
            })
        })
        let dropped = Catalog(schemaVersion: 3, tables: base.tables.map { table in
            table.name != "household" ? table : TableSpec(table.name, table.privacy, table.columns.dropFirst().filter { $0.name != "referral_source" })
        })
        #expect(try CatalogChange.between(base, retired).retiredColumns.map(\.description) == ["household.referral_source"])
        #expect(try CatalogChange.between(retired, dropped).droppedColumns.map(\.description) == ["household.referral_source"])
        #expect(throws: SyncCoreError.self) { try CatalogChange.between(base, dropped) }
        #expect(try CatalogChange.between(base, dropped, publishing: false).droppedColumns.count == 1)
    }

    @Test func aRowIsSentToAnOlderVersionWithoutWhatThatVersionLacks() {
        let dot = Dot(replica: ReplicaID("r1"), counter: 1)
        var clock = VersionVector()
        clock[dot.replica] = 1
        let row = RowVersion(
            table: "household", id: "h-1", clock: clock, live: [Sibling(dot: dot, value: .integer(1))],
            fields: ["code": [Sibling(dot: dot, value: .text("A1"))], "housing": [Sibling(dot: dot, value: .text("affitto"))]])
        let projected = Catalog.farelegami.projected(row)
        #expect(projected?.fields.keys.sorted() == ["code"])
        let added = Self.edited(Catalog.farelegami, version: 2) { $0.name == "household" ? [ColumnSpec("housing")] : [] }
        #expect(Catalog.farelegami.tablesToProject(from: added) == ["household"])
        var newTable = row
        newTable.table = "home_visit"
        #expect(Catalog.farelegami.projected(newTable) == nil)
    }

    @Test func aVersionWrittenWithoutAFieldHasNoOpinionOnIt() {
        let a = ReplicaID("a"), b = ReplicaID("b")
        var seen = VersionVector()
        seen[a] = 1
        let stored = RowVersion(
            table: "household", id: "h", clock: seen, live: [Sibling(dot: Dot(replica: a, counter: 1), value: .integer(1))],
            fields: [
                "code": [Sibling(dot: Dot(replica: a, counter: 1), value: .text("A1"))],
                "housing": [Sibling(dot: Dot(replica: a, counter: 1), value: .text("affitto"))],
            ])
        // b saw that write on an older version (without housing), then edited the code.
        var later = seen
        later[b] = 1
        var older = stored
        older.fields["housing"] = nil
        older.clock = later
        older.fields["code"] = [Sibling(dot: Dot(replica: b, counter: 1), value: .text("B2"))]
        let merged = RowVersion.merge(local: stored, remote: older).merged
        #expect(merged.fields["housing"] == stored.fields["housing"], "the newer field stays")
        #expect(merged.fields["code"] == older.fields["code"])
        // And the other way: a state without the field takes it from one that has it, even at equal clocks.
        var lacking = stored
        lacking.fields["housing"] = nil
        let adopted = RowVersion.merge(local: lacking, remote: stored)
        #expect(adopted.changed && adopted.merged == stored)
    }

    @Test func aDroppedColumnIsStillTakenInPushesAndLeftOutOfWhatAReplicaKeeps() throws {
        let base = Catalog.farelegami
        let dropped = Catalog(schemaVersion: 3, tables: base.tables.map { table in
            table.name != "household" ? table : TableSpec(table.name, table.privacy, table.columns.dropFirst().filter { $0.name != "referral_source" })
        })
        let checking = dropped.keepingDroppedColumns(of: [base, dropped])
        #expect(checking.table(named: "household")?.column(named: "referral_source")?.retired == true)
        let dot = Dot(replica: ReplicaID("r1"), counter: 1)
        var clock = VersionVector()
        clock[dot.replica] = 1
        let row = RowVersion(
            table: "household", id: "h-1", clock: clock, live: [Sibling(dot: dot, value: .integer(1))],
            fields: ["code": [Sibling(dot: dot, value: .text("A1"))], "referral_source": [Sibling(dot: dot, value: .text("x"))]])
        #expect(throws: SyncCoreError.self) { try dropped.validate(row) }
        #expect(try checking.validate(row) == row, "a stored state with the dropped column is taken")
        #expect(dropped.withoutUnknownFields(row).fields.keys.sorted() == ["code"])
    }

    /// `base` at `version` with the columns `added` returns appended to each table.
    static func edited(_ base: Catalog, version: Int, added: (TableSpec) -> [ColumnSpec]) -> Catalog {
        Catalog(schemaVersion: version, tables: base.tables.map { table in
            let extra = added(table)
            return extra.isEmpty ? table : TableSpec(table.name, table.privacy, Array(table.columns.dropFirst()) + extra,
                label: table.label, pluralLabel: table.pluralLabel, naming: table.naming)
        })
    }
}
