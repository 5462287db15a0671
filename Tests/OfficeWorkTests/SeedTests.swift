import OfficeWork
import ReplicaStore
import Testing

/// The seed generator: deterministic, plausible, and only into an empty replica.
@Suite struct SeedTests {
    @Test func theSameSeedGivesTheSameRowsAndAnotherSeedOthers() throws {
        try withTemporaryDirectory { directory in
            func seeded(_ name: String, seed: UInt64) throws -> Office {
                let office = Office(replica: try Replica.create(path: directory + "/\(name).sqlite", site: "hq"))
                _ = try office.seed(scale: 1, seed: seed)
                return office
            }
            let first = try seeded("a", seed: 42), second = try seeded("b", seed: 42), other = try seeded("c", seed: 43)
            for table in first.csvTables { #expect(try first.rows(table) == second.rows(table), "\(table)") }
            #expect(try first.rows("household") != other.rows("household"))
        }
    }

    @Test func theSeedHasTheProjectsShape() throws {
        try withOffice(site: "hq") { office in
            var progress: [String] = []
            let summary = try office.seed(scale: 1, seed: 1) { progress.append($0.table) }
            #expect(progress.first == "site" && progress.last == "expense" && progress.count == 16)
            #expect(summary.total == (try office.csvTables.reduce(0) { $0 + (try office.count($1)) }))
            #expect(try office.count("site") == 4)
            #expect(try office.count("partner") >= 100)
            let connection = office.replica.connection
            func number(_ sql: String) throws -> Int64 { try connection.query(sql)[0][0].integer ?? -1 }
            #expect(try number("SELECT count(*) FROM partner WHERE role = 'lead' AND name = 'Comune di Cremona'") == 1)
            #expect(try number("SELECT count(*) FROM staff WHERE role = 'community_maker'") == 7)
            #expect(try number("SELECT sum(amount_cents) FROM funding WHERE kind = 'cariplo_grant'") == 150_000_000)
            #expect(try number("SELECT sum(amount_cents) FROM budget_line") == 330_000_000)
            #expect(try number("SELECT count(DISTINCT site_id) FROM household") == 3)
            #expect(try number("SELECT count(*) FROM household WHERE code IS NULL") == 0)
            #expect(
                try number("SELECT count(DISTINCT code) FROM household")
                    == (try number("SELECT count(*) FROM household")))
            // Every pact has commitments of the beneficiary and of the partner (both sides).
            #expect(
                try number(
                    """
                    SELECT count(*) FROM pact WHERE NOT EXISTS
                    (SELECT 1 FROM pact_commitment c WHERE c.pact_id = pact.id AND c.party = 'beneficiary')
                    OR NOT EXISTS (SELECT 1 FROM pact_commitment c WHERE c.pact_id = pact.id AND c.party = 'partner')
                    """) == 0)
            #expect(try number("SELECT count(*) FROM need_report WHERE answered_on < reported_on") == 0)
            #expect(
                try number(
                    "SELECT count(*) FROM pact_review r JOIN pact p ON p.id = r.pact_id WHERE r.reviewed_on < p.signed_on"
                ) == 0)
            #expect(try number("SELECT count(*) FROM person_identity") == 0)
            // The seeded rows are ordinary writes: all captured for sync.
            #expect(try number("SELECT count(*) FROM (SELECT DISTINCT tbl, rid FROM _fl_log)") == Int64(summary.total))
        }
    }

    @Test func aTerritorialReplicaGetsOnlyItsOwnHouseholds() throws {
        try withOffice(site: "cremona") { office in
            _ = try office.seed(scale: 1, seed: 1)
            let sites = try office.replica.connection.query(
                "SELECT DISTINCT site_id FROM household UNION SELECT DISTINCT site_id FROM pact")
            #expect(sites.map { $0[0] } == [.text("cremona")])
            #expect(try office.count("lab") > 0)
        }
    }

    @Test func seedingAReplicaThatHoldsDataOrAtABadScaleIsRefused() throws {
        try withOffice(site: "hq") { office in
            #expect(officeError { _ = try office.seed(scale: 0) }?.field == "scale")
            _ = try office.seed(scale: 1)
            let before = try office.snapshot()
            #expect(officeError { _ = try office.seed(scale: 1) } == .notEmpty(path: office.replica.path))
            #expect(try office.snapshot() == before)
        }
    }

    @Test func largerScalesGrowCasesAndActivitiesNotTheBudget() throws {
        try withOffice(site: "hq") { office in
            let summary = try office.seed(scale: 10, seed: 3)
            #expect(try office.count("household") == 1_200)
            #expect(summary.total > 20_000)
            let connection = office.replica.connection
            #expect(try connection.query("SELECT sum(amount_cents) FROM budget_line")[0][0] == .integer(330_000_000))
            #expect(
                try connection.query("SELECT sum(amount_cents) FROM funding WHERE kind = 'cariplo_grant'")[0][0]
                    == .integer(150_000_000))
        }
    }
}
