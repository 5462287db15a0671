import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import Testing
import SyncWire

private let sqliteShell = "/usr/bin/sqlite3"

/// Writes made by another program (the `sqlite3` shell) on the replica file are captured by the
/// triggers and synced like the application's own.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: sqliteShell), "needs the sqlite3 shell"))
struct SQLiteShellTests {
    @Test func writesMadeWithTheSqlite3ShellReachAnotherReplica() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office")
            let peer = try Replica.fresh(in: directory, "peer")
            try runShell(on: office.path, """
                INSERT INTO partner (id, name, role, tax_code) VALUES ('p-kept', 'CISVOL', 'partner', '00123');
                INSERT INTO partner (id, name, role) VALUES ('p-gone', 'Fondazione Comunitaria', 'supporter');
                """)
            try office.send(to: peer)
            #expect(try peer.values("partner", "p-gone")?["name"] == .text("Fondazione Comunitaria"))

            try runShell(on: office.path, """
                UPDATE partner SET role = 'lead', name = 'CISVOL Cremona' WHERE id = 'p-kept';
                DELETE FROM partner WHERE id = 'p-gone';
                INSERT INTO partner (id, name) VALUES ('p-never', 'Written and deleted before any sync');
                DELETE FROM partner WHERE id = 'p-never';
                """)
            let summary = try office.send(to: peer)
            #expect(summary.changed == 2)
            #expect(try peer.values("partner", "p-kept") == [
                "site_id": .text("crema"), "name": .text("CISVOL Cremona"), "legal_form": .null,
                "tax_code": .text("00123"), "role": .text("lead"),
            ])
            #expect(try peer.values("partner", "p-gone") == nil)
            #expect(try peer.rowVersion(table: "partner", id: "p-gone")?.isLive == false)
            #expect(try peer.rowVersion(table: "partner", id: "p-never") == nil)
            #expect(try peer.rows(of: "partner") == office.rows(of: "partner"))
        }
    }

    @Test func localClassRowsWrittenWithTheShellStayOnTheReplica() throws {
        try withTemporaryDirectory { directory in
            let office = try Replica.fresh(in: directory, "office")
            let peer = try Replica.fresh(in: directory, "peer")
            try runShell(on: office.path, """
                INSERT INTO person (id, relation, birth_year) VALUES ('person-1', 'parent', 1984);
                INSERT INTO person_identity (id, person_id, full_name, tax_code, phone)
                    VALUES ('identity-1', 'person-1', 'Maria Rossi', 'RSSMRA84A41D142X', '+39 0373 000000');
                """)
            #expect(try office.rows(of: "person_identity").count == 1)
            let changeSet = try office.exportChangeSet()
            #expect(changeSet.rows.map { "\($0.table)/\($0.id)" } == ["person/person-1"])
            let bytes = ChangeSetCodec.encode(changeSet)
            #expect(!String(decoding: bytes, as: UTF8.self).contains("Maria Rossi"))
            try peer.importChangeSet(bytes)
            #expect(try peer.values("person", "person-1")?["birth_year"] == .integer(1984))
            #expect(try peer.rows(of: "person_identity").isEmpty)
        }
    }

    /// Runs `sql` with the sqlite3 shell on the file at `path`, stopping at the first error.
    private func runShell(on path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqliteShell)
        process.arguments = ["-bail", path, sql]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 failed: \(message)")
        #expect(message.isEmpty, "sqlite3 said: \(message)")
    }
}
