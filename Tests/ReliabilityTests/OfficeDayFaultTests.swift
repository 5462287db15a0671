import Foundation
import ProcessHarness
import SyncTestSupport
import Testing

/// Random days of four offices with the real server and real clients, mixing what used to block an
/// office or make it diverge quietly: the central office moving households between offices while
/// they edit them offline, bad plain-SQL writes (corrected later), and an office with no network
/// whose changes travel on files through the central office. Every sync must succeed (no office is
/// ever stuck), nothing written is lost, and at the end every replica agrees with the central office.
@Suite(.serialized) struct OfficeDayFaultTests {
    static let online = ["crema", "cremona", "hq"]
    /// The office with no network: its changes go to hq on files until it comes online at the end.
    static let offline = "casalmaggiore"
    /// Bad writes an office makes to one of its households with plain SQL.
    static let badWrites = [
        "adults = 'two'", "adults = 2.5", "adults = 1e20", "site_id = NULL", "vulnerability = x'00ff10'",
        "referral_source = CAST(x'4361c3' AS TEXT)",
    ]

    /// The statements that correct every bad write of `badWrites` in `site`'s replica.
    static func corrections(site: String) -> String {
        """
        UPDATE household SET adults = 2 WHERE typeof(adults) != 'integer';
        UPDATE household SET site_id = '\(site)' WHERE site_id IS NULL;
        UPDATE household SET vulnerability = 'alta' WHERE typeof(vulnerability) = 'blob';
        UPDATE household SET referral_source = 'servizi sociali' WHERE referral_source = CAST(x'4361c3' AS TEXT);
        """
    }

    @Test func randomDaysOfMovesBadWritesAndRelaysLoseNothingAndConverge() throws {
        let trials = faultTrials(default: 2)
        var counts = (syncs: 0, moves: 0, badWrites: 0, relays: 0)
        for trial in 0..<trials {
            let seed = faultSeed(default: 7_000) &+ UInt64(trial)
            let figures = try runDay(seed: seed)
            counts.syncs += figures.syncs
            counts.moves += figures.moves
            counts.badWrites += figures.badWrites
            counts.relays += figures.relays
        }
        print("office days: \(trials) trials, \(counts.syncs) syncs, \(counts.moves) moves, "
            + "\(counts.badWrites) bad writes, \(counts.relays) relays through hq: every sync succeeded, nothing lost")
    }

    private func runDay(seed: UInt64) throws -> (syncs: Int, moves: Int, badWrites: Int, relays: Int) {
        let fixture = try SyncFixture(sites: Self.online + [Self.offline])
        defer { fixture.close() }
        var random = SeededGenerator(seed: seed)
        var figures = (syncs: 0, moves: 0, badWrites: 0, relays: 0)
        var partners: Set<String> = []
        var serial = 0
        func nextID(_ prefix: String) -> String {
            serial += 1
            return "\(prefix)-\(seed)-\(serial)"
        }
        func sync(_ site: String) throws {
            let result = try fixture[site].sync()
            figures.syncs += 1
            #expect(result.status == 0, "seed \(seed): the sync of \(site) failed: \(result.stderr)")
        }
        func relay() throws {
            let file = fixture.directory.path("relay-\(serial).json")
            serial += 1
            for arguments in [
                ["changes", "export", "--db", fixture[Self.offline].path, "--out", file, "--for", "hq"],
                ["changes", "import", "--db", fixture["hq"].path, file],
            ] {
                let result = try runCommand(Binaries.client, arguments)
                #expect(result.status == 0, "seed \(seed): \(arguments[1]) failed: \(result.stderr)")
            }
            figures.relays += 1
        }
        for site in Self.online { try sync(site) }

        for _ in 0..<5 {
            for site in Self.online + [Self.offline] {
                let office = fixture[site]
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    switch Int.random(in: 0..<5, using: &random) {
                    case 0:
                        let id = nextID("p")
                        partners.insert(id)
                        try office.write("INSERT INTO partner (id, name, role) VALUES ('\(id)', 'Ente \(id)', 'supporter')")
                    case 1:
                        try office.write("INSERT INTO household (id, code, adults) VALUES ('\(nextID("h"))', 'C\(serial)', 1)")
                    case 2:
                        try office.write("UPDATE household SET adults = \(Int.random(in: 1...6, using: &random)) "
                            + "WHERE id IN (SELECT id FROM household WHERE typeof(adults) = 'integer' ORDER BY random() LIMIT 1)")
                    case 3 where site != "hq":
                        let bad = Self.badWrites.randomElement(using: &random)!
                        try office.write("UPDATE household SET \(bad) "
                            + "WHERE id IN (SELECT id FROM household ORDER BY random() LIMIT 1)")
                        figures.badWrites += 1
                    default:
                        guard site == "hq" else { continue }
                        let target = ["crema", "cremona", Self.offline].randomElement(using: &random)!
                        try office.write("UPDATE household SET site_id = '\(target)' WHERE id IN "
                            + "(SELECT id FROM household WHERE site_id != '\(target)' ORDER BY random() LIMIT 1)")
                        figures.moves += 1
                    }
                }
            }
            for site in Self.online.shuffled(using: &random) where Bool.random(using: &random) { try sync(site) }
            if Bool.random(using: &random) { try relay() }
        }

        // The offices correct their bad writes, the offline office comes online, and all catch up.
        for site in Self.online + [Self.offline] where site != "hq" {
            try fixture[site].write(Self.corrections(site: site))
        }
        try relay()
        for _ in 0..<2 { for site in Self.online + [Self.offline] { try sync(site) } }

        let hq = fixture["hq"]
        for site in Self.online + [Self.offline] {
            let office = fixture[site]
            #expect(try office.number("SELECT count(*) FROM _fl_quarantine") == 0, "seed \(seed): \(site) holds rows back")
            #expect(try office.number("SELECT count(*) FROM _fl_outbox") == 0, "seed \(seed): \(site) has unpushed rows")
            let present = Set(try office.rows("partner").compactMap { $0.first?.text })
            #expect(partners.isSubset(of: present), "seed \(seed): \(site) lost partners \(partners.subtracting(present))")
            #expect(try office.rows("partner") == hq.rows("partner"), "seed \(seed): \(site)'s partners differ from hq's")
            guard site != "hq" else { continue }
            let mine = try office.rows("household")
            let hqView = try hq.rows("household", where: "site_id = '\(site)'")
            #expect(mine == hqView, "seed \(seed): \(site)'s households differ from hq's view of them: \(mine) vs \(hqView)")
        }
        return figures
    }
}
