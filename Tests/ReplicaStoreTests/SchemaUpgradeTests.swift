import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import SyncWire
import Testing

/// A replica moves to a published catalog version in one transaction, keeping every row and every
/// unsynced write (SYNC.md, "Schema versions").
struct SchemaUpgradeTests {
    /// Version 2: `household.housing`, the table `home_visit`, and `suspended` among lab statuses.
    static let version2: Catalog = {
        let tables = Catalog.farelegami.tables.map { table -> TableSpec in
            switch table.name {
            case "household":
                return TableSpec(table.name, table.privacy, Array(table.columns.dropFirst()) + [ColumnSpec("housing")])
            case "lab":
                return TableSpec(table.name, table.privacy, table.columns.dropFirst().map { column in
                    column.name == "status"
                        ? ColumnSpec("status", allowed: ["planned", "active", "closed", "suspended"]) : column
                })
            default:
                return table
            }
        } + [TableSpec("home_visit", .site, [ColumnSpec("household_id", references: "household"), ColumnSpec("visited_on")])]
        return Catalog(schemaVersion: 2, tables: tables)
    }()

    @Test func movingToANewVersionKeepsEveryRowAndEveryUnsyncedWrite() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "crema")
            try replica.sql("INSERT INTO household (id, code, adults) VALUES ('h-1', 'CR-1', 2)")
            try replica.sql("INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Orti', 'active')")
            _ = try replica.exportChangeSet()
            // Unsynced: an update still only in the dirty table when the replica moves.
            try replica.sql("UPDATE household SET adults = 3 WHERE id = 'h-1'")

            let change = try replica.upgradeSchema(to: Self.version2)

            #expect(change.addedColumns.map(\.description) == ["household.housing"])
            #expect(change.addedTables == ["home_visit"])
            #expect(change.widenedColumns.map(\.description) == ["lab.status"])
            #expect(change.needsRowsAgain)
            #expect(try replica.values("household", "h-1")?["adults"] == .integer(3))
            let pending = try replica.exportChangeSet(since: 0)
            #expect(pending.rows.contains { $0.id == "h-1" && $0.visibleValues["adults"] == .integer(3) }, "the unsynced write is versioned")
            // The new shape is usable and captured.
            try replica.sql("UPDATE household SET housing = 'affitto' WHERE id = 'h-1'")
            try replica.sql("UPDATE lab SET status = 'suspended' WHERE id = 'l-1'")
            try replica.sql("INSERT INTO home_visit (id, household_id, visited_on) VALUES ('v-1', 'h-1', '2026-12-01')")
            let written = try replica.exportChangeSet()
            #expect(written.schemaVersion == 2)
            #expect(written.rows.contains { $0.id == "h-1" && $0.visibleValues["housing"] == .text("affitto") })
            #expect(written.rows.contains { $0.table == "home_visit" && $0.visibleValues["site_id"] == .text("crema") })
            #expect(throws: SQLiteError.self) { try replica.sql("UPDATE lab SET status = 'forgotten' WHERE id = 'l-1'") }
            #expect(try replica.connection.query("PRAGMA integrity_check") == [[.text("ok")]])
            #expect(try replica.connection.query("PRAGMA user_version") == [[.integer(2)]])

            let reopened = try Replica(path: replica.path)
            #expect(reopened.catalog.schemaVersion == 2, "the file says which version it follows")
            #expect(reopened.catalog.table(named: "home_visit") != nil)
            #expect(reopened.captureRepair == nil, "the triggers are the new version's")
        }
    }

    @Test func aValueOnlyANewerVersionAllowsIsKeptInTheStateAndShownOnceTheReplicaMoves() throws {
        try withTemporaryDirectory { directory in
            let newer = try Replica.fresh(in: directory, "hq", site: "hq")
            try newer.upgradeSchema(to: Self.version2)
            try newer.sql("INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Orti', 'suspended')")
            let older = try Replica.fresh(in: directory, "crema")
            // What a server sends a replica on version 1: the row without the columns it lacks.
            let rows = try newer.exportChangeSet().rows.compactMap { Catalog.farelegami.projected($0) }
            try older.apply(rows)
            #expect(try older.values("lab", "l-1")?["status"] == .null, "the domain shows what it can hold")
            #expect(try older.values("lab", "l-1")?["title"] == .text("Orti"))
            try older.upgradeSchema(to: Self.version2)
            #expect(try older.values("lab", "l-1")?["status"] == .text("suspended"), "the state held it all along")
        }
    }

    @Test func aVersionThatCannotFollowIsRefusedAndTheFileIsUntouched() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "crema")
            let narrowed = Catalog(schemaVersion: 2, tables: Catalog.farelegami.tables.map { table in
                table.name != "lab" ? table : TableSpec(table.name, table.privacy, table.columns.dropFirst().map { column in
                    column.name == "status" ? ColumnSpec("status", allowed: ["planned"]) : column
                })
            })
            #expect(throws: ReplicaError.self) { try replica.upgradeSchema(to: narrowed) }
            #expect(replica.catalog.schemaVersion == 1)
            #expect(try Replica(path: replica.path).catalog.schemaVersion == 1)
        }
    }

    @Test func aFileOfAnotherVersionIsRefusedSayingWhichSideMovesFirst() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "crema")
            try office.sql("INSERT INTO lab (id, theme, title, status) VALUES ('l-1', 'housing', 'Orti', 'active')")
            let older = ChangeSetCodec.encode(try office.exportChangeSet(for: "hq"))
            let central = try Replica.fresh(in: directory, "hq", site: "hq")
            try central.upgradeSchema(to: Self.version2)
            #expect {
                try central.importChangeSet(older)
            } throws: { error in
                "\(error)".contains("the side that wrote it must move to version 2 first")
            }
            try central.sql("INSERT INTO lab (id, theme, title, status) VALUES ('l-2', 'housing', 'Casa', 'suspended')")
            let newer = ChangeSetCodec.encode(try central.exportChangeSet(for: "crema"))
            #expect {
                try office.importChangeSet(newer)
            } throws: { error in
                "\(error)".contains("move this replica to version 2 first")
            }
            #expect(try office.values("lab", "l-2") == nil, "nothing was imported")
            #expect(try central.values("lab", "l-1") == nil, "nothing was imported")
        }
    }
}
