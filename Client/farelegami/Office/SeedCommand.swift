import ArgumentParser
import Foundation
import OfficeWork

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Fill a new replica with realistic demo data (deterministic).",
        discussion: """
            Sites, 110 partners (Comune di Cremona the lead), 7 community makers and staff, households,
            people, pacts with commitments and reviews, labs and sessions, Civic Centers and needs,
            volunteers' hours, the Cariplo grant (EUR 1,500,000), co-financing, donations, a budget of
            EUR 3,300,000 and expenses. Seed the central replica (hq) and sync it to the offices; a
            territorial replica gets households of its own site only. No names of real people.
            --scale N multiplies cases and activities (about 2,500 rows per unit); all in one transaction.
            """)

    @OptionGroup var replica: ReplicaOptions
    @Option(help: "Multiplies cases and activities (1 to 10000).") var scale = 1
    @Option(help: "The random seed: the same seed and scale give the same data.") var seed: UInt64 = 1
    @Flag(help: "Print the rows per table as JSON, for scripts.") var json = false

    func run() throws {
        let start = Date()
        let summary = try replica.office().seed(scale: scale, seed: seed) { progress in
            printError("seed: \(progress.table) \(progress.rows) rows (\(progress.total) in all)")
        }
        if json { return print(try RecordOutput.json(summary)) }
        let seconds = Date().timeIntervalSince(start)
        print("seeded \(summary.total) rows at scale \(scale) (seed \(seed)) in \(String(format: "%.1f", seconds)) s")
    }
}
