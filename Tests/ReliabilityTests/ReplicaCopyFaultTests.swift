import Foundation
import ProcessHarness
import SyncTestSupport
import Testing

/// Random histories in which an office's replica file is copied and either put back later (a restore)
/// or run as a second live copy, with edits and syncs at random points, the real server and real
/// clients. Nothing written may be lost: every title written stays among the row's values unless a
/// writer that saw it overwrote it; and at the end every replica shows the same.
@Suite(.serialized) struct ReplicaCopyFaultTests {
    enum Kind: String, CaseIterable { case restore, twoCopies = "two copies" }

    @Test(arguments: Kind.allCases) func copiesAtRandomPointsLoseNoWriteAndConverge(kind: Kind) throws {
        let trials = faultTrials(default: 3)
        var forks = 0
        var syncs = 0
        for trial in 0..<trials {
            let seed = faultSeed(default: 9_100) &+ UInt64(trial) &* 2 &+ (kind == .restore ? 0 : 1)
            let figures = try runTrial(kind, seed: seed)
            forks += figures.forks
            syncs += figures.syncs
        }
        print("replica copies (\(kind.rawValue)): \(trials) trials, \(syncs) syncs, \(forks) forks: 0 lost, 0 divergence")
    }

    /// One random history; returns how many syncs ran and how many of them forked.
    private func runTrial(_ kind: Kind, seed: UInt64) throws -> (syncs: Int, forks: Int) {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        var random = SeededGenerator(seed: seed)
        let crema = fixture["crema"], hq = fixture["hq"]
        let labs = ["l-1", "l-2", "l-3"]
        try crema.write(labs.map { "INSERT INTO lab (id, theme, title, status) VALUES ('\($0)', 'housing', 'v0-\($0)', 'planned');" }.joined())
        try crema.syncOrThrow()
        try hq.syncOrThrow()

        var offices = [crema, hq]
        var backup: Office?
        var written: [String: Set<String>] = [:]
        var superseded: Set<String> = []
        // Titles written on each file that no sync has carried yet: a restore destroys those written
        // after the backup was taken (the operator overwrote the file), and only those.
        var pending: [String: [(lab: String, value: String)]] = [:]
        var pendingInBackup: [(lab: String, value: String)] = []
        var figures = (syncs: 0, forks: 0)
        var serial = 0
        let steps = 12
        let copyAt = Int(random.next() % UInt64(steps / 2))
        let restoreAt = copyAt + 1 + Int(random.next() % UInt64(steps - copyAt - 1))
        for step in 0..<steps {
            if step == copyAt {
                if kind == .restore {
                    backup = try crema.copy(named: "crema-backup", in: fixture.directory)
                    pendingInBackup = pending[crema.path] ?? []
                } else {
                    let laptop = try crema.copy(named: "crema-laptop", in: fixture.directory)
                    pending[laptop.path] = pending[crema.path]
                    offices.append(laptop)
                }
            }
            if kind == .restore, step == restoreAt, let backup {
                try crema.restore(from: backup)
                let kept = Set(pendingInBackup.map(\.value))
                for write in pending[crema.path] ?? [] where !kept.contains(write.value) {
                    written[write.lab]?.remove(write.value)
                }
                pending[crema.path] = pendingInBackup
            }
            let office = offices[Int(random.next() % UInt64(offices.count))]
            if random.next() % 2 == 0 {
                // An edit of a lab's title to a value never written before; it supersedes what the
                // writer sees (its shown value and every value its state holds for the field).
                let lab = labs[Int(random.next() % UInt64(labs.count))]
                serial += 1
                let value = "v\(serial)-\(seed)"
                if let shown = try office.rows("lab", where: "id = '\(lab)'").first?[3].text { superseded.insert(shown) }
                for sibling in try office.states("lab")[lab]?.fields["title"] ?? [] {
                    superseded.insert(sibling.value.description)
                }
                try office.write("UPDATE lab SET title = '\(value)' WHERE id = '\(lab)'")
                written[lab, default: []].insert(value)
                pending[office.path, default: []].append((lab, value))
            } else {
                let result = try office.sync()
                figures.syncs += 1
                #expect(result.status == 0, "seed \(seed): a sync failed: \(result.stderr)")
                if result.status == 0 { pending[office.path] = [] }
                if result.stdout.contains("\"fork\"") { figures.forks += 1 }
            }
        }
        for _ in 0..<2 {
            for office in offices {
                let result = try office.sync()
                figures.syncs += 1
                #expect(result.status == 0, "seed \(seed): a final sync failed: \(result.stderr)")
                if result.stdout.contains("\"fork\"") { figures.forks += 1 }
            }
        }
        for office in offices {
            #expect(try office.rows("lab") == hq.rows("lab"), "seed \(seed): \(office.path) differs from hq")
        }
        let final = try hq.states("lab")
        for lab in labs {
            let kept = Set((final[lab]?.fields["title"] ?? []).map(\.value.description))
            for value in written[lab] ?? [] where !superseded.contains(value) {
                #expect(kept.contains(value), "seed \(seed): \(lab)'s title \(value) was lost (kept: \(kept.sorted()))")
            }
        }
        return figures
    }
}
