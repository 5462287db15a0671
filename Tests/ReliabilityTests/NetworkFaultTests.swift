import Foundation
import ProcessHarness
import SQLiteDatabase
import SyncTestSupport
import Testing

/// Clients sync through `FaultProxy`: every way a request or its answer can break, on pushes and on
/// pulls. A retried sync loses nothing, applies nothing twice, and every replica converges.
@Suite(.serialized) struct NetworkFaultTests {
    static let faults = [
        "drop_response", "truncate_response", "truncate_request", "reset", "duplicate", "delay", "partition_up",
        "partition_down", "partition_both",
    ]
    /// Faults after which the sync still succeeds (the answer arrives).
    static let harmless: Set = ["duplicate", "delay"]

    @Test(arguments: faults)
    func aPushBrokenOnTheWayIsRetriedWithNothingLostOrAppliedTwice(fault: String) throws {
        let world = try FaultWorld()
        defer { world.close() }
        let crema = world.offices[0]
        let before = try world.serverSequence()
        try crema.write((0..<50).map { "INSERT INTO partner (id, name, role) VALUES ('p\($0)', 'P \($0)', 'partner');" }.joined())
        // Twice: libcurl itself resends a request once when a reused connection dies before any answer.
        try world.proxy.inject(fault, path: "/v1/push", times: 2, extra: ["delay": 1, "hold": 1])
        let broken = try crema.sync(["--page-size", "20"])
        #expect(!world.proxy.appliedFaults.isEmpty && Set(world.proxy.appliedFaults) == [fault])
        if Self.harmless.contains(fault) {
            #expect(broken.status == 0, "\(fault): \(broken.stderr)")
        } else {
            #expect(broken.status != 0 && broken.errorLines.count == 1, "\(fault): \(broken.stderr)")
        }
        try world.proxy.heal()
        try crema.syncOrThrow()
        #expect(try world.serverCount("tbl = 'partner'") == 50)
        #expect(try world.serverSequence() == before + 50, "\(fault): a row was applied twice or lost")
        #expect(try crema.number("SELECT count(*) FROM _fl_outbox") == 0)
        try world.converge()
    }

    @Test func aPushBatchBrokenWhileAnotherIsInFlightLeavesEveryUnacknowledgedRowQueued() throws {
        let world = try FaultWorld()
        defer { world.close() }
        let crema = world.offices[0]
        let before = try world.serverSequence()
        try crema.write((0..<50).map { "INSERT INTO partner (id, name, role) VALUES ('w\($0)', 'W \($0)', 'partner');" }.joined())
        // Batches of 20, two requests in flight: the request that reaches the proxy first is stored,
        // a later one's connection is reset (twice: libcurl resends once). Which batch arrives first
        // depends on timing: if the second overtakes the first, the first is the one reset and
        // nothing may be acknowledged (batches are acknowledged in order).
        try world.proxy.inject("reset", path: "/v1/push", after: 1, times: 2)
        let broken = try crema.sync(["--page-size", "20"])
        #expect(broken.status != 0 && broken.errorLines.count == 1, "\(broken.stderr)")
        let stored = Set(try Connection(path: world.server.database, readOnly: true)
            .query("SELECT rid FROM rows WHERE tbl = 'partner' AND rid LIKE 'w%'").compactMap { $0[0].text })
        let acknowledged = Set(try crema.rows("partner", where: "id LIKE 'w%' AND id NOT IN (SELECT rid FROM _fl_outbox)")
            .compactMap { $0[0].text })
        #expect([0, 20, 40].contains(acknowledged.count), "acknowledged rows are not whole batches: \(acknowledged.count)")
        #expect(stored.count >= 20 && stored.count < 50, "one batch stored, not all: \(stored.count)")
        #expect(acknowledged.isSubset(of: stored), "a row left the outbox that the server does not hold")
        try world.proxy.heal()
        try crema.syncOrThrow()
        #expect(try world.serverCount("tbl = 'partner' AND rid LIKE 'w%'") == 50)
        #expect(try world.serverSequence() == before + 50, "a row was applied twice or lost")
        #expect(try crema.number("SELECT count(*) FROM _fl_outbox") == 0)
    }

    @Test(arguments: faults)
    func aPulledPageBrokenOnTheWayIsRetriedAndConverges(fault: String) throws {
        let world = try FaultWorld()
        defer { world.close() }
        let hq = world.offices[2]
        try hq.write((0..<120).map { "INSERT INTO partner (id, name, role) VALUES ('q\($0)', 'Q \($0)', 'supporter');" }.joined())
        try hq.syncOrThrow()
        let cremona = world.offices[1]
        try world.proxy.inject(fault, path: "/v1/pull", after: 1, times: 2, extra: ["delay": 1, "hold": 1])
        let broken = try cremona.sync(["--page-size", "25"])
        #expect(!world.proxy.appliedFaults.isEmpty && Set(world.proxy.appliedFaults) == [fault])
        if !Self.harmless.contains(fault) {
            #expect(broken.status != 0 && broken.errorLines.count == 1, "\(fault): \(broken.stderr)")
            #expect(try cremona.number("SELECT count(*) FROM partner") == 25, "exactly the first page was applied")
        }
        #expect(try cremona.integrity() == "ok")
        try world.proxy.heal()
        try world.converge()
        #expect(try cremona.number("SELECT count(*) FROM partner") == 120)
    }

    @Test func randomFaultsOnEveryRequestChangeNothingOnceTheNetworkHeals() throws {
        let trials = faultTrials(default: 20) / 10  // 2 worlds in CI, 20 in the full run (each is ~40 syncs)
        let seed = faultSeed(default: 71)
        for trial in 0..<trials {
            let world = try FaultWorld()
            defer { world.close() }
            var random = SeededGenerator(seed: seed &+ UInt64(trial))
            try world.proxy.randomFaults(Self.faults, probability: 0.3, seed: seed &+ UInt64(trial))
            var inserted: Set<String> = []
            for round in 0..<4 {
                for office in world.offices {
                    let id = "r\(trial)-\(round)-\(office.site)"
                    inserted.insert(id)
                    try office.write("INSERT INTO partner (id, name, role) VALUES ('\(id)', 'R', 'partner');"
                        + "UPDATE lab SET title = 'T\(Int.random(in: 0..<3, using: &random))' WHERE id = 'lab0'")
                    _ = try office.sync(["--page-size", "3"])
                }
            }
            try world.proxy.heal()
            try world.converge()
            let held = try world.offices[2].rows("partner").compactMap { $0[0].text }
            #expect(inserted.isSubset(of: Set(held)), "seed \(seed &+ UInt64(trial)): writes lost")
            #expect(!world.proxy.appliedFaults.isEmpty)
        }
    }
}

/// A server, a fault proxy in front of it, and crema, cremona and hq syncing through the proxy,
/// with a lab seeded by hq and synced everywhere.
final class FaultWorld {
    let directory: TemporaryDirectory
    let server: ServerProcess
    let proxy: FaultProxy
    let offices: [Office]

    init() throws {
        directory = try TemporaryDirectory()
        server = try ServerProcess(directory: directory, sites: ["crema", "cremona", "hq"])
        try server.start()
        let proxy = try FaultProxy(upstreamPort: server.port, directory: directory)
        let directory = directory
        self.proxy = proxy
        offices = try ["crema", "cremona", "hq"].map {
            try Office(site: $0, directory: directory, serverURL: proxy.url)
        }
        try offices[2].write("INSERT INTO lab (id, theme, title, status) VALUES ('lab0', 'housing', 'Casa', 'planned')")
        for office in offices.reversed() { try office.syncOrThrow() }
    }

    /// Syncs every office twice and checks they hold the same shared rows and open conflicts.
    func converge() throws {
        for _ in 0..<2 { for office in offices { try office.syncOrThrow() } }
        for office in offices {
            #expect(try office.integrity() == "ok")
            #expect(try office.number("SELECT count(*) FROM _fl_outbox") == 0, "\(office.site) has unpushed rows")
            for table in ["partner", "lab"] {
                #expect(try office.rows(table) == offices[2].rows(table), "\(office.site) differs in \(table)")
            }
        }
    }

    /// The server's last sequence.
    func serverSequence() throws -> Int64 {
        try Connection(path: server.database, readOnly: true).query("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sequence'")
            .first?.first?.integer ?? -1
    }

    /// How many server rows match `condition`.
    func serverCount(_ condition: String) throws -> Int64 {
        try Connection(path: server.database, readOnly: true).query("SELECT count(*) FROM rows WHERE \(condition)")
            .first?.first?.integer ?? -1
    }

    func close() {
        proxy.stop()
        server.stop()
        directory.remove()
    }
}
