import Foundation
import ProcessHarness
import ReplicaStore
import SQLiteDatabase
import SyncTestSupport
import Testing

/// The real server on a loopback port and real clients (the `farelegami` binary over libcurl).
@Suite(.serialized) struct SyncEndToEndTests {
    static let sites = ["crema", "cremona", "casalmaggiore", "hq"]
    static let sharedTables = ["partner", "lab", "lab_session", "civic_center", "need_report"]

    @Test(arguments: [UInt64(11), 12, 13])
    func randomOfflineEditsAndSyncsInRandomOrdersConverge(seed: UInt64) throws {
        let fixture = try SyncFixture(sites: Self.sites)
        defer { fixture.close() }
        let offices = Self.sites.map { fixture[$0] }
        var random = SeededGenerator(seed: seed)
        var serial = 0
        func nextID(_ prefix: String) -> String {
            serial += 1
            return "\(prefix)-\(seed)-\(serial)"
        }
        try offices[3].write("INSERT INTO partner (id, name, role) VALUES ('p0', 'CISVOL', 'partner'); "
            + "INSERT INTO lab (id, theme, title, status) VALUES ('lab0', 'housing', 'Casa', 'planned');")
        for office in offices { try office.syncOrThrow() }

        for _ in 0..<6 {
            for office in offices {
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    try randomEdit(at: office, random: &random, nextID: nextID)
                }
            }
            for office in offices.shuffled(using: &random) where Bool.random(using: &random) {
                try office.syncOrThrow()
            }
        }
        for _ in 0..<2 { for office in offices { try office.syncOrThrow() } }

        let hq = offices[3]
        for table in Self.sharedTables {
            let reference = try hq.rows(table)
            for office in offices.dropLast() {
                #expect(try office.rows(table) == reference, "seed \(seed): \(office.site) differs from hq in \(table)")
            }
        }
        for office in offices.dropLast() {
            #expect(
                try office.rows("household") == hq.rows("household", where: "site_id = '\(office.site)'"),
                "seed \(seed): \(office.site)'s households differ from hq's view of them")
            #expect(
                try office.states("household").values.filter { $0.fields["site_id"]?.first?.value != .text(office.site) }
                    .isEmpty,
                "seed \(seed): \(office.site)'s file holds another site's household")
            #expect(try office.number("SELECT count(*) FROM household WHERE site_id IS NOT '\(office.site)'") == 0)
        }
        let hqConflicts = try Self.conflicts(of: hq, sharedOnly: true)
        for office in offices.dropLast() {
            #expect(try Self.conflicts(of: office, sharedOnly: true) == hqConflicts, "seed \(seed): conflicts differ")
        }
    }

    private func randomEdit(at office: Office, random: inout SeededGenerator, nextID: (String) -> String) throws {
        let titles = ["Casa", "Casa comune", "Abitare insieme", "Case aperte"]
        let names = ["CISVOL", "Concass", "Comune di Crema", "Fondazione Comunitaria"]
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            try office.write("INSERT INTO household (id, code, municipality, adults) VALUES "
                + "('\(nextID("h"))', 'C\(Int.random(in: 100...999, using: &random))', '\(office.site)', 2)")
        case 1:
            try office.write("UPDATE household SET adults = \(Int.random(in: 1...5, using: &random)) "
                + "WHERE id IN (SELECT id FROM household ORDER BY random() LIMIT 1)")
        case 2:
            try office.write("INSERT INTO partner (id, name, role) VALUES "
                + "('\(nextID("p"))', '\(names.randomElement(using: &random)!)', 'supporter')")
        case 3:
            try office.write("UPDATE lab SET title = '\(titles.randomElement(using: &random)!)' WHERE id = 'lab0'")
        case 4:
            try office.write("UPDATE partner SET name = '\(names.randomElement(using: &random)!)' "
                + "WHERE id IN (SELECT id FROM partner ORDER BY id LIMIT 1 OFFSET \(Int.random(in: 0...3, using: &random)))")
        default:
            try office.write("DELETE FROM partner WHERE id IN (SELECT id FROM partner WHERE id != 'p0' ORDER BY id LIMIT 1)")
        }
    }

    static func conflicts(of office: Office, sharedOnly: Bool) throws -> Set<String> {
        let replica = try Replica(path: office.path)
        return Set(try replica.openConflicts().filter { !sharedOnly || sharedTables.contains($0.table) }
            .map { "\($0.table)/\($0.rowID)/\($0.column)/\($0.sides.map(\.dotText).sorted())" })
    }

    @Test func aClientKilledMidPullResumesAndConverges() throws {
        let fixture = try SyncFixture(sites: ["cremona", "hq"])
        defer { fixture.close() }
        let (hq, cremona) = (fixture["hq"], fixture["cremona"])
        try fixture.hqPublishesPartners(3_000)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.client)
        process.arguments = ["sync", "--db", cremona.path, "--page-size", "10"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A fresh replica's first pull is an ordered snapshot: the cursor moves only at its end, rows
        // arrive a page at a time.
        while process.isRunning {
            if (try? cremona.number("SELECT count(*) FROM partner")) ?? 0 > 0 {
                kill(process.processIdentifier, SIGKILL)
                break
            }
        }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the sync finished before it could be killed")
        let connection = try Connection(path: cremona.path)
        #expect(try connection.query("PRAGMA integrity_check").first?.first?.text == "ok")
        let partial = try cremona.number("SELECT count(*) FROM partner")
        #expect(partial > 0 && partial < 3_000, "a page was applied before the kill, not everything")

        try cremona.syncOrThrow()
        #expect(try cremona.rows("partner") == hq.rows("partner"))
    }

    @Test func aSyncWhileTheServerIsDownFailsCleanlyAndTheNextSucceedsWithNothingLost() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona"])
        defer { fixture.close() }
        let (server, crema, cremona) = (fixture.server, fixture["crema"], fixture["cremona"])
        try crema.syncOrThrow()
        let port = server.port
        server.stop()

        try crema.write("INSERT INTO partner (id, name, role) VALUES ('p-offline', 'Scritto offline', 'partner')")
        let failed = try crema.sync()
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("cannot reach"), "reason: \(failed.stderr)")
        #expect(failed.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)
        let status = try runCommand(Binaries.client, ["status", "--db", crema.path, "--json"])
        #expect(status.stdout.contains("\"consecutiveFailures\" : 1"))
        #expect(status.stdout.contains("\"unpushed\" : 1"))

        try server.start(port: port)
        try crema.syncOrThrow()
        try cremona.syncOrThrow()
        #expect(try cremona.rows("partner", where: "id = 'p-offline'").count == 1)
        let after = try runCommand(Binaries.client, ["status", "--db", crema.path, "--json"])
        #expect(after.stdout.contains("\"consecutiveFailures\" : 0"))
        #expect(after.stdout.contains("\"unpushed\" : 0"))
    }
}
