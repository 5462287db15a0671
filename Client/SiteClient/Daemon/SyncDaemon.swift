import Foundation
import Logging

/// Runs syncs on a schedule until cancelled, retrying failures with backoff and never giving up
/// silently: every failure is logged with its reason (and recorded in the replica by the sync).
public struct SyncDaemon: Sendable {
    /// When to sync.
    public var schedule: SyncSchedule
    /// Whether to sync once at start too.
    public var runAtStart: Bool
    /// The retry policy after failures.
    public var backoff = RetryBackoff()
    /// The clock (a fake one in tests).
    public var clock: any DaemonClock
    /// The logger.
    public var logger: Logger

    /// A daemon on `schedule`.
    public init(schedule: SyncSchedule, runAtStart: Bool, clock: any DaemonClock = SystemDaemonClock(), logger: Logger) {
        self.schedule = schedule
        self.runAtStart = runAtStart
        self.clock = clock
        self.logger = logger
    }

    /// Syncs with `sync` at every scheduled time until the task is cancelled or `sync` reports
    /// `.stopped`. `random` gives the jitter (0..<1).
    public func run(
        random: @Sendable () -> Double = { Double.random(in: 0..<1) },
        sync: @Sendable () async -> Result<SyncSummary, SyncError>
    ) async {
        var next = runAtStart ? clock.now() : schedule.nextRun(after: clock.now())
        var failures = 0
        logger.info("daemon started", metadata: ["first_sync": "\(next)"])
        while !Task.isCancelled {
            do {
                try await clock.sleep(until: next)
            } catch {
                break
            }
            let started = clock.now()
            let outcome = await sync()
            logOutcome(of: outcome, started: started, failures: failures + 1)
            switch outcome {
            case .success:
                failures = 0
                next = schedule.nextRun(after: started)
            case .failure(.stopped):
                return
            case .failure:
                failures += 1
                let retry = clock.now().addingTimeInterval(backoff.delay(afterFailures: failures, random: random()))
                next = min(retry, schedule.nextRun(after: clock.now()))
                logger.notice("next attempt", metadata: ["consecutive_failures": "\(failures)", "retry_at": "\(next)"])
            }
        }
        logger.info("daemon stopped")
    }

    /// Logs one line for a finished sync: its figures, or its failure with the reason.
    @discardableResult
    public func logOutcome(
        of outcome: Result<SyncSummary, SyncError>, started: Date? = nil, failures: Int = 1
    ) -> Result<SyncSummary, SyncError> {
        let seconds = started.map { String(format: "%.2f", clock.now().timeIntervalSince($0)) } ?? "-"
        switch outcome {
        case .success(let summary):
            for notice in summary.notices { logger.warning("\(notice)") }
            logger.info(
                "sync ok",
                metadata: [
                    "pushed": "\(summary.pushed)", "pulled": "\(summary.pulled)", "changed": "\(summary.changed)",
                    "conflicts": "\(summary.conflicts)", "cursor": "\(summary.cursor)", "seconds": "\(seconds)",
                    "held_back": "\(summary.heldBack)",
                ])
        case .failure(.stopped):
            logger.info("sync stopped on request; what was synced is saved")
        case .failure(let error):
            logger.error("sync failed: \(error)", metadata: ["consecutive_failures": "\(failures)"])
        }
        return outcome
    }
}
