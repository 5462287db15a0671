import ArgumentParser
import Foundation
import ReplicaStore
import SiteClient

struct DaemonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon", abstract: "Sync unattended: every night at a local time, or on an interval.",
        discussion: """
            Settings come from --config (JSON: db, at, every, now, logLevel), then FARELEGAMI_DB, FARELEGAMI_AT,
            FARELEGAMI_EVERY, FARELEGAMI_LOG_LEVEL, then flags. Failures are retried with capped exponential
            backoff and logged; 'farelegami status' shows the last error. SIGTERM/SIGINT stop it cleanly.
            """)

    @Option(name: .long, help: ArgumentHelp("The replica file.", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("A JSON configuration file for this site.", valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Sync every day at this local time (default 02:00).", valueName: "HH:MM"))
    var at: String?

    @Option(name: .long, help: ArgumentHelp("Sync on an interval instead (30s, 15m, 6h).", valueName: "interval"))
    var every: String?

    @Flag(name: .long, help: "Also sync once at start.")
    var now = false

    @Flag(name: .long, help: "Sync once, log the outcome and exit (non-zero on failure): for a systemd timer.")
    var runOnce = false

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let file = try config.map { path throws(SyncError) in try DaemonConfiguration.load(path: path) } ?? DaemonConfiguration()
        let flags = DaemonConfiguration(db: db, at: at, every: every, now: now ? true : nil)
        let settings = file.overridden(by: .environment(ProcessInfo.processInfo.environment)).overridden(by: flags)
        guard let path = settings.db else { throw ValidationError("give --db (or 'db' in --config, or FARELEGAMI_DB)") }
        let schedule = try settings.schedule()
        let logger = try logging.bootstrap(label: "farelegami.daemon", configured: settings.logLevel)
        // Fail now, not at 02:00, on a wrong path; the daemon holds the replica's lock for its life.
        _ = try ReplicaOptions.openLocked(path: path) { try Replica(path: path) }
        let stop = StopSignal()
        let syncOnce = { @Sendable () -> Result<SyncSummary, SyncError> in
            Result { () throws(ReplicaError) in try Replica(path: path) }.mapError(SyncError.replica).flatMap { replica in
                Result { () throws(SyncError) in
                    let session = try SyncSession(replica: replica)
                    session.stop = stop
                    return try session.run()
                }
            }
        }
        if runOnce {
            stop.installHandlers()
            let daemon = SyncDaemon(schedule: schedule, runAtStart: true, logger: logger)
            guard case .failure(let error) = daemon.logOutcome(of: syncOnce()) else { return }
            throw error
        }
        let daemonTask = Task {
            await SyncDaemon(schedule: schedule, runAtStart: settings.now ?? false, logger: logger).run { syncOnce() }
        }
        stop.installHandlers { daemonTask.cancel() }
        await daemonTask.value
    }
}
