import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// A row that hangs from a row of a site (a person's or a pact's household, a commitment's or a
/// review's pact) belongs to that row's site, whoever writes it with plain SQL: the triggers give it
/// that site on insert, and keep it there when the row or its parent moves.
struct SitePlacementTests {
    @Test func rowsAddedToAnotherSitesHouseholdTakeItsSite() throws {
        try withTemporaryDirectory { directory in
            let hq = try Replica.fresh(in: directory, "hq", site: "hq")
            try hq.sql("INSERT INTO household (id, site_id, code) VALUES ('hh-1', 'crema', 'CR-AAAA')")
            try hq.connection.execute("""
                INSERT INTO person (id, household_id, relation) VALUES ('person-1', 'hh-1', 'figlio');
                INSERT INTO person (id, site_id, household_id) VALUES ('person-2', 'hq', 'hh-1');
                INSERT INTO pact (id, household_id, kind, status) VALUES ('pact-1', 'hh-1', 'inclusione', 'draft');
                INSERT INTO pact_commitment (id, pact_id, description) VALUES ('c-1', 'pact-1', 'biblioteca');
                INSERT INTO pact_review (id, site_id, pact_id, decision) VALUES ('r-1', 'cremona', 'pact-1', 'continue');
                """)
            for (table, id) in [("person", "person-1"), ("person", "person-2"), ("pact", "pact-1"),
                                ("pact_commitment", "c-1"), ("pact_review", "r-1")] {
                #expect(try hq.values(table, id)?["site_id"] == .text("crema"), "\(table)/\(id)")
            }
            let exported = try hq.exportChangeSet()
            #expect(exported.rows.filter { $0.table != "household" }.allSatisfy { $0.owningSite == "crema" })
        }
    }

    @Test func rowsWithoutAParentTheReplicaHoldsKeepTheSiteGivenOrTheReplicas() throws {
        try withTemporaryDirectory { directory in
            let hq = try Replica.fresh(in: directory, "hq", site: "hq")
            try hq.connection.execute("""
                INSERT INTO person (id, household_id) VALUES ('no-such-household', 'hh-missing');
                INSERT INTO person (id) VALUES ('no-household');
                INSERT INTO person (id, site_id) VALUES ('given', 'cremona');
                INSERT INTO household (id) VALUES ('hh-own');
                INSERT INTO partner (id, name) VALUES ('p-1', 'CISVOL');
                """)
            #expect(try hq.values("person", "no-such-household")?["site_id"] == .text("hq"))
            #expect(try hq.values("person", "no-household")?["site_id"] == .text("hq"))
            #expect(try hq.values("person", "given")?["site_id"] == .text("cremona"))
            #expect(try hq.values("household", "hh-own")?["site_id"] == .text("hq"))
            #expect(try hq.values("partner", "p-1")?["site_id"] == .text("hq"))
        }
    }

    @Test func rowsFollowTheirParentWhenEitherMovesAndTheMovesAreCaptured() throws {
        try withTemporaryDirectory { directory in
            let hq = try Replica.fresh(in: directory, "hq", site: "hq")
            try hq.connection.execute("""
                INSERT INTO household (id, site_id) VALUES ('hh-1', 'crema'), ('hh-2', 'cremona');
                INSERT INTO person (id, household_id) VALUES ('person-1', 'hh-1'), ('person-2', 'hh-1');
                INSERT INTO pact (id, household_id) VALUES ('pact-1', 'hh-1');
                INSERT INTO pact_commitment (id, pact_id) VALUES ('c-1', 'pact-1');
                """)
            _ = try hq.cutLocalVersions()

            try hq.sql("UPDATE person SET household_id = 'hh-2' WHERE id = 'person-1'")
            try hq.sql("UPDATE person SET site_id = 'hq' WHERE id = 'person-2'")
            try hq.sql("UPDATE household SET site_id = 'casalmaggiore' WHERE id = 'hh-1'")

            #expect(try hq.values("person", "person-1")?["site_id"] == .text("cremona"))
            #expect(try hq.values("person", "person-2")?["site_id"] == .text("casalmaggiore"))
            #expect(try hq.values("pact", "pact-1")?["site_id"] == .text("casalmaggiore"))
            #expect(try hq.values("pact_commitment", "c-1")?["site_id"] == .text("casalmaggiore"))
            let dirty = try hq.connection.query("SELECT DISTINCT tbl || '/' || rid FROM _fl_log ORDER BY 1").compactMap { $0[0].text }
            #expect(dirty == ["household/hh-1", "pact/pact-1", "pact_commitment/c-1", "person/person-1", "person/person-2"])
        }
    }
}
