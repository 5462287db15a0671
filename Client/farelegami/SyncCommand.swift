import ArgumentParser
import Foundation
import ReplicaStore
import SiteClient

struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Push local changes to the merge server, then pull everything new.",
        discussion: "A failed sync loses nothing: run it again and it resumes where it stopped.")

    @OptionGroup var replica: ReplicaOptions

    @Flag(name: .long, help: "Print the summary as JSON (pushed, pulled, conflicts, cursor).")
    var json = false

    @Option(name: .long, help: "Seconds to wait for the server to accept the connection.")
    var connectTimeout = 10

    @Option(name: .long, help: "Rows per push request and per pulled page.")
    var pageSize = 2_000

    @Flag(name: .long, help: "Keep the replica on its schema version even if the server has a newer one.")
    var stayOnSchema = false

    func run() throws {
        let replica = try replica.openLocked()
        let stop = StopSignal()
        stop.installHandlers()
        var options = TransportOptions()
        options.connectTimeoutSeconds = connectTimeout
        let session = try SyncSession(replica: replica, options: options)
        session.stop = stop
        session.pushBatchSize = pageSize
        session.pullPageSize = pageSize
        session.upgradesSchema = !stayOnSchema
        let display = ProgressDisplay()
        let summary = try session.run(progress: display.show)
        display.finish()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            for notice in summary.notices { print(notice) }
            print(
                "synced \(replica.site): pushed \(summary.pushed), pulled \(summary.pulled) (\(summary.changed) changed), "
                    + "\(summary.conflicts) open conflicts, cursor \(summary.cursor)")
            if summary.heldBack > 0 {
                print("\(summary.heldBack) rows held back until corrected: 'farelegami status --db \(replica.path)' says why")
            }
        }
    }
}
