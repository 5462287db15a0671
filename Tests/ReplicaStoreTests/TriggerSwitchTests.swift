import Foundation
import ReplicaStore
import SQLiteDatabase
import Testing

/// The engine turns the capture triggers off on its own connection only, and only while its own
/// writes run: every other write, on another connection or after the switch, is captured.
struct TriggerSwitchTests {
    @Test func triggersStayOffUntilTheOutermostSwitchReturns() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "office")
            try replica.connection.withoutTriggers {
                try replica.connection.withoutTriggers { try replica.sql("INSERT INTO partner (id) VALUES ('p-1')") }
                try replica.sql("INSERT INTO partner (id) VALUES ('p-2')")
            }
            try replica.sql("INSERT INTO partner (id) VALUES ('p-3')")

            #expect(try dirtyIDs(replica.connection) == ["p-3"])
        }
    }

    @Test func anotherConnectionKeepsCapturingWhileOneHasTriggersOff() throws {
        try withTemporaryDirectory { directory in
            let replica = try Replica.fresh(in: directory, "office")
            let office = try Connection(path: replica.path)
            try replica.connection.withoutTriggers {
                try office.run("INSERT INTO partner (id) VALUES ('p-1')")
                try replica.sql("INSERT INTO partner (id) VALUES ('p-2')")
            }

            #expect(try dirtyIDs(replica.connection) == ["p-1"])
        }
    }

    private func dirtyIDs(_ connection: Connection) throws -> [String] {
        try connection.query("SELECT DISTINCT rid FROM _fl_log ORDER BY rid").compactMap { $0[0].text }
    }
}
