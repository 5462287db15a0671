import Foundation
import ProcessHarness
import SyncTestSupport
import Testing

/// The merge server on PostgreSQL: three server processes on one database, offices syncing through a
/// random one each time, one of them killed with SIGKILL in mid-push. Runs when the run names a
/// PostgreSQL server (`FARELEGAMI_TEST_POSTGRES`, the throwaway cluster `scripts/test.sh` starts).
@Suite(.serialized, .enabled(if: PostgresRun.address != nil, "needs FARELEGAMI_TEST_POSTGRES (scripts/test.sh sets it)"))
struct PostgresMultiServerFaultTests {
    @Test func threeServersOnOneDatabaseKilledMidPushLoseNoAcknowledgedWriteAndEveryReplicaConverges() throws {
        let trials = faultTrials(default: 100)
        var random = SeededGenerator(seed: faultSeed(default: 303))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let address = try PostgresRun.newDatabase()
        let servers = try (0..<3).map { index in
            try ServerProcess(directory: directory, store: address, sites: index == 0 ? ["crema", "cremona", "hq"] : [])
        }
        defer { servers.forEach { $0.stop() } }
        for server in servers { try server.start() }
        let offices = try ["crema", "cremona", "hq"].map { site in
            try Office(site: site, directory: directory, serverURL: servers[0].url)
        }
        let (crema, cremona, hq) = (offices[0], offices[1], offices[2])
        try hq.write("INSERT INTO partner (id, name, role) VALUES ('shared', 'Shared', 'partner')")
        for office in offices { try office.syncOrThrow() }
        // How long one office's sync of a trial's writes takes here, so the kills land inside one.
        try crema.write(Self.writes(of: "crema", trial: -1))
        let began = Date()
        try crema.syncOrThrow(["--page-size", "5"])
        let span = UInt32(min(max(Date().timeIntervalSince(began), 0.01), 1) * 1_000_000)

        var interrupted = 0
        for trial in 0..<trials {
            try crema.write(Self.writes(of: "crema", trial: trial))
            try cremona.write(Self.writes(of: "cremona", trial: trial))
            let chosen = try [crema, cremona].map { office in
                let server = servers.randomElement(using: &random)!
                try office.connect(server.url, tokenFile: directory.path("\(office.site).token"))
                return server
            }
            let syncs = try [crema, cremona].map { office in
                try SpawnedProcess(
                    Binaries.client, ["sync", "--db", office.path, "--page-size", "5"], outputTo: "/dev/null", errorsTo: "/dev/null")
            }
            usleep(UInt32.random(in: 0...span, using: &random))
            let victim = chosen.randomElement(using: &random)!
            victim.kill()
            for sync in syncs where sync.wait() != 0 { interrupted += 1 }
            let held = try PostgresRun.heldRows(address)
            for office in [crema, cremona] {
                let missing = try ProcessFaultTests.acknowledged(office).filter { !held.contains($0) }
                #expect(missing.isEmpty, "trial \(trial): \(office.site) acknowledged but not in the store: \(missing.prefix(5))")
            }
            try victim.start()
        }
        for _ in 0..<2 {
            for office in offices {
                try office.connect(servers.randomElement(using: &random)!.url, tokenFile: directory.path("\(office.site).token"))
                try office.syncOrThrow()
            }
        }
        #expect(try crema.rows("partner") == hq.rows("partner"))
        #expect(try cremona.rows("partner") == hq.rows("partner"))
        // Both offices' last edits of the shared row, made through different servers, are kept.
        let shared = try hq.rows("partner", where: "id = 'shared' AND name = 'crema \(trials - 1)' AND tax_code = 'cremona \(trials - 1)'")
        #expect(shared.count == 1, "the shared partner lost an edit")
        // The shared partner, crema's writes of the timing run, and both offices' of every trial.
        #expect(try hq.number("SELECT count(*) FROM partner") == Int64(1 + 8 + 2 * 8 * trials))
        #expect(try hq.number("SELECT count(*) FROM household") == Int64(2 + 2 * 2 * trials))
        // No site ever received another site's rows.
        #expect(try crema.number("SELECT count(*) FROM household WHERE site_id <> 'crema'") == 0)
        #expect(try cremona.number("SELECT count(*) FROM household WHERE site_id <> 'cremona'") == 0)
        #expect(try crema.rows("household") == hq.rows("household", where: "site_id = 'crema'"))
        #expect(interrupted > 0, "no sync was cut by a kill")
        print("postgres, 3 servers, kill -9: \(interrupted) of \(2 * trials) syncs cut, no acknowledged write lost, all converged")
    }

    /// A trial's writes at `site`: 8 partners, 2 of its households, and an edit of the shared partner
    /// (the other office edits another field of it: concurrent edits of one row through different
    /// servers, which the merge must both keep; one field edited by both each time would pile up
    /// conflicting values no one resolves, past the cap of 64).
    static func writes(of site: String, trial: Int) -> String {
        let partners = (0..<8).map { "INSERT INTO partner (id, name, role) VALUES ('\(site)-\(trial)-\($0)', 'P', 'partner');" }
        let households = (0..<2).map {
            "INSERT INTO household (id, site_id, code, adults) VALUES ('\(site)-h\(trial)-\($0)', '\(site)', 'HH', 2);"
        }
        return (partners + households).joined() + "UPDATE partner SET \(sharedField[site]!) = '\(site) \(trial)' WHERE id = 'shared';"
    }

    /// The field of the shared partner each office edits.
    static let sharedField = ["crema": "name", "cremona": "tax_code"]
}

/// The run's PostgreSQL server, read with `psql`.
enum PostgresRun {
    /// `FARELEGAMI_TEST_POSTGRES`: `postgres://USER@HOST:PORT/postgres`.
    static let address: String? = ProcessInfo.processInfo.environment["FARELEGAMI_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// A new empty database for one test; its address.
    static func newDatabase() throws -> String {
        guard let address, let base = address.range(of: "/", options: .backwards) else {
            throw HarnessFailure(message: "FARELEGAMI_TEST_POSTGRES is not set")
        }
        let name = "fl_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try psql(address, "CREATE DATABASE \(name)")
        return String(address[..<base.lowerBound]) + "/" + name
    }

    /// The keys (`table/id`) of every row the store at `database` holds.
    static func heldRows(_ database: String) throws -> Set<String> {
        Set(try psql(database, "SELECT tbl || '/' || rid FROM rows").split(separator: "\n").map(String.init))
    }

    @discardableResult
    static func psql(_ database: String, _ sql: String) throws -> String {
        let result = try runCommand("/usr/bin/psql", [database, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard result.status == 0 else { throw HarnessFailure(message: "psql: \(result.stderr)") }
        return result.stdout
    }
}
