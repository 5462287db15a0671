import OfficeWork
import ReplicaStore
import SQLiteDatabase
import Testing

/// CSV import and export of the domain tables: all or nothing, every problem reported.
@Suite struct CSVImportTests {
    @Test func everyTableRoundTripsFromASeededReplicaToAnEmptyOne() throws {
        try withTemporaryDirectory { directory in
            let source = Office(replica: try Replica.create(path: directory + "/a.sqlite", site: "hq"))
            _ = try source.seed(scale: 1, seed: 7)
            let target = Office(replica: try Replica.create(path: directory + "/b.sqlite", site: "hq"))
            #expect(source.csvTables.count == 16 && !source.csvTables.contains("person_identity"))
            for (index, table) in source.csvTables.enumerated() {
                let separator: Character = index.isMultiple(of: 2) ? "," : ";"
                let csv = try source.exportCSV(table: table, separator: separator, byteOrderMark: index % 3 == 0)
                let result = try target.importCSV(table: table, bytes: Array(csv.utf8))
                #expect(result.problems.isEmpty, "\(table): \(result.problems)")
                let rows = try source.rows(table)
                #expect(!rows.isEmpty, "\(table) was seeded")
                #expect(try target.rows(table) == rows, "\(table)")
            }
        }
    }

    @Test func theLocalIdentityTableIsNeverExported() throws {
        try withOffice { office in
            #expect(
                officeError { _ = try office.exportCSV(table: "person_identity") } == .localTable("person_identity"))
            #expect(officeError { _ = try office.exportCSV(table: "_fl_meta") } == .unknownTable("_fl_meta"))
        }
    }

    @Test func aFileWithBadRowsImportsNothingAndReportsEveryBadLine() throws {
        try withOffice { office in
            try office.sql("INSERT INTO household (id, code, adults) VALUES ('h0', 'CR-0000', 1)")
            let csv = """
                id,code,municipality,adults,minors,referral_source
                h1,CR-AAAA,Crema,2,1,"scuola
                primaria"
                h2,CR-BBBB,Crema,two,0,
                h3,CR-CCCC,Pandino,1,-1,
                h4,CR-DDDD,Crema,1
                h0,CR-EEEE,Crema,1,0,
                h1,CR-FFFF,Offanengo,1,0,
                h7,CR-GGGG,Vailate,1,0,parrocchia
                """
            let before = try office.snapshot()
            let dryRun = try office.importCSV(table: "household", bytes: Array(csv.utf8), dryRun: true)
            #expect(dryRun.rows == 7)
            #expect(dryRun.badLines == [4, 5, 6, 7, 8])
            #expect(
                dryRun.problems.map(\.description) == [
                    "line 4, adults: 'two' is not a whole number from 0 to 1000000",
                    "line 5, minors: '-1' is not a whole number from 0 to 1000000",
                    "line 6: has 4 fields but the header has 6",
                    "line 7, id: 'h0' already exists in this replica",
                    "line 8, id: 'h1' is also on line 2",
                ])
            let error = officeError { _ = try office.importCSV(table: "household", bytes: Array(csv.utf8)) }
            guard case .csvRejected(let table, let problems)? = error else {
                Issue.record("expected a rejection, got \(String(describing: error))")
                return
            }
            #expect(table == "household" && problems == dryRun.problems)
            #expect(error?.description.contains("\n") == false)
            #expect(try office.snapshot() == before)
        }
    }

    @Test func headersReferencesAndOtherSitesRowsAreChecked() throws {
        try withOffice { office in
            let csv = "household_id;relation;colour\r\nh9;figlio;red\r\n"
            let header = try office.importCSV(table: "person", bytes: Array(csv.utf8), dryRun: true)
            #expect(header.problems.map(\.column) == ["colour"])
            let rows = "site_id;household_id;birth_year\r\ncremona;h9;1990\r\n"
            let result = try office.importCSV(table: "person", bytes: Array(rows.utf8), dryRun: true)
            #expect(result.problems.map(\.column) == ["site_id", "household_id"])
            #expect(result.problems[1].detail == "no household 'h9' in this replica")
        }
    }

    @Test func aSemicolonFileWithAByteOrderMarkKeepsItsAccents() throws {
        try withOffice { office in
            let csv =
                "\u{FEFF}municipality;adults;vulnerability;referral_source\r\n"
                + "Cantù;2;\"anziana sola; difficoltà economiche\";Società di San Vincenzo «Crema»\r\n"
                + "Trescore Cremasco;1;perché sì;\r\n"
            let result = try office.importCSV(table: "household", bytes: Array(csv.utf8))
            #expect(result.separator == ";" && result.rows == 2 && result.problems.isEmpty)
            let rows = try office.replica.connection.query(
                "SELECT municipality, vulnerability, referral_source, site_id, code FROM household ORDER BY adults DESC"
            )
            #expect(rows[0][0] == .text("Cantù"))
            #expect(rows[0][1] == .text("anziana sola; difficoltà economiche"))
            #expect(rows[0][2] == .text("Società di San Vincenzo «Crema»"))
            #expect(rows[1][1] == .text("perché sì") && rows[1][2] == .null)
            #expect(rows.allSatisfy { $0[3] == .text("crema") })
            #expect(rows.allSatisfy { PseudonymCode.isWellFormed($0[4].text ?? "") })

            let exported = try office.exportCSV(table: "household", separator: ";", byteOrderMark: true)
            #expect(exported.hasPrefix("\u{FEFF}id;site_id;code;municipality;"))
            #expect(exported.contains(";\"anziana sola; difficoltà economiche\";"))
        }
    }
}
