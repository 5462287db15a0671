import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// Creating and opening replica files, and the schema they are made from.
@Suite struct ReplicaFileTests {
    @Test func aReplicaRecreatedAtTheSamePathGetsAFreshReplicaID() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/office.sqlite"
            let first = try Replica.create(path: path, site: "crema").replicaID
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
            let second = try Replica.create(path: path, site: "crema").replicaID
            #expect(first != second)
            #expect(try Replica(path: path).replicaID == second)
        }
    }

    @Test func creatingAReplicaOverAnExistingFileIsRefused() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "office")
            try replica.sql("INSERT INTO partner (id, name) VALUES ('p1', 'CISVOL')")
            let error = try #require(throws: ReplicaError.self) { try Replica.create(path: replica.path, site: "crema") }
            #expect("\(error)".contains("already exists"))
            #expect(try Replica(path: replica.path).values("partner", "p1") != nil)
        }
    }

    @Test func openingAnSQLiteFileThatIsNotAReplicaSaysSo() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/notes.sqlite"
            do {
                let other = try Connection(path: path, create: true)
                try other.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
            }
            let error = try #require(throws: ReplicaError.self) { try Replica(path: path) }
            guard case .notAReplica(let named, _) = error else {
                Issue.record("expected notAReplica, got \(error)")
                return
            }
            #expect(named == path)
            #expect("\(error)".hasPrefix("\(path) is not a FareLegami replica"))
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test func openingAFileThatIsNotSQLiteSaysItIsNotAReplica() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/changes.json"
            try Data("{\"format\": \"farelegami-changeset\"}\n".utf8).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: ReplicaError.self) { try Replica(path: path) }
            guard case .notAReplica = error else {
                Issue.record("expected notAReplica, got \(error)")
                return
            }
            #expect("\(error)".contains("is not a FareLegami replica"))
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test func openingAMissingPathSaysHowToCreateAReplicaAndCreatesNothing() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/missing.sqlite"
            let error = try #require(throws: ReplicaError.self) { try Replica(path: path) }
            guard case .missingFile(let named) = error else {
                Issue.record("expected missingFile, got \(error)")
                return
            }
            #expect(named == path)
            #expect("\(error)".contains("farelegami init --db \(path)"))
            #expect(!"\(error)".contains("\n"))
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func theSchemaFileInTheRepositoryIsTheGeneratedSchema() throws {
        // #filePath may pass through a symlinked Tests folder; the repository is where it resolves.
        let testFile = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let schemaFile = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("protocol/schema.sql")
        let text = try String(contentsOf: schemaFile, encoding: .utf8)
        #expect(text == ReplicaSchema.sql(), "protocol/schema.sql is stale: regenerate it with 'farelegami schema'")
    }

    @Test func aNewReplicaIsMadeFromTheGeneratedSchema() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "office")
            let tables = try replica.connection.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_fl\\_%' ESCAPE '\\' "
                    + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
            ).compactMap { $0[0].text }
            #expect(tables == Catalog.farelegami.tables.map(\.name).sorted())
            let triggers = try replica.connection.query("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
            #expect(triggers.first?[0].integer == Int64(ReplicaSchema.captureTriggers().count))
            // Four capture triggers a table; a site for each row that hangs from another (person,
            // pact, pact_commitment, pact_review) and a move for each parent (household, pact).
            #expect(ReplicaSchema.captureTriggers().count == 4 * Catalog.farelegami.syncedTables.count + 4 + 2)
            #expect(try replica.connection.query("PRAGMA user_version").first?[0].integer == 1)
        }
    }
}
