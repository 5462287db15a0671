import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import Testing

/// Site-class rows (households, persons, pacts) reach only their own site and the central office.
@Suite struct SitePrivacyTests {
    @Test func aTerritorialReplicaRefusesAnotherSitesHouseholds() throws {
        try withTemporaryDirectory { directory in
            let crema = try Replica.fresh(in: directory, "crema")
            let cremona = try Replica.fresh(in: directory, "cremona", site: "cremona")
            let hq = try Replica.fresh(in: directory, "hq", site: "hq")
            try crema.sql("INSERT INTO household (id, code, adults) VALUES ('h1', 'A1', 2)")
            try crema.sql("INSERT INTO partner (id, name) VALUES ('p1', 'Comune di Crema')")

            // A file from one territorial office to another is refused whole (it must go through hq).
            #expect(throws: ReplicaError.self) { try crema.send(to: cremona) }
            #expect(try cremona.rows(of: "partner").isEmpty)

            let atHQ = try crema.send(to: hq)
            #expect(atHQ.refused == 0)
            #expect(try hq.values("household", "h1")?["code"] == .text("A1"))
            // Nor does the central office pass them on to another site.
            let atCremona = try hq.send(to: cremona)
            #expect(atCremona.received == 2)
            #expect(atCremona.refused == 1)
            #expect(atCremona.changed == 1)
            #expect(try cremona.rows(of: "household").isEmpty)
            #expect(try cremona.rowVersion(table: "household", id: "h1") == nil)
            #expect(try cremona.values("partner", "p1")?["name"] == .text("Comune di Crema"))
        }
    }

    @Test func anExportForAnotherSiteLeavesOutThisSitesHouseholds() throws {
        try withTemporaryDirectory { directory in
            let crema = try Replica.fresh(in: directory, "crema")
            try crema.sql("INSERT INTO household (id, code, adults) VALUES ('h1', 'A1', 2)")
            try crema.sql("INSERT INTO household (id, code, adults) VALUES ('h2', 'B2', 1)")
            try crema.sql("INSERT INTO partner (id, name) VALUES ('p1', 'Comune di Crema')")
            try crema.cutLocalVersions()
            try crema.sql("DELETE FROM household WHERE id = 'h2'")

            let forCremona = try crema.exportChangeSet(for: "cremona")
            #expect(forCremona.rows.map { "\($0.table)/\($0.id)" } == ["partner/p1"])
            let forHQ = try crema.exportChangeSet(for: "hq")
            #expect(forHQ.rows.map { "\($0.table)/\($0.id)" }.sorted() == ["household/h1", "household/h2", "partner/p1"])
            let forCrema = try crema.exportChangeSet(for: "crema")
            #expect(forCrema.rows.count == 3)
        }
    }
}
