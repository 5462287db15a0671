import Foundation
import Logging
import SiteClient
import Synchronization
import Testing

@Suite struct SyncDaemonTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Runs a daemon whose syncs answer from `outcomes` in turn; the run ends after the last one.
    func run(_ schedule: SyncSchedule, runAtStart: Bool, outcomes: [Result<SyncSummary, SyncError>]) async
        -> (calls: [Date], clock: FakeClock)
    {
        let clock = FakeClock(start: start)
        let calls = Mutex<[Date]>([])
        let daemon = SyncDaemon(schedule: schedule, runAtStart: runAtStart, clock: clock, logger: Logger(label: "test"))
        await daemon.run(random: { 0 }) {
            let index = calls.withLock { calls in
                calls.append(clock.now())
                return calls.count - 1
            }
            clock.advance(by: 5)  // a sync takes five seconds
            return index < outcomes.count ? outcomes[index] : .failure(.stopped)
        }
        return (calls.withLock { $0 }, clock)
    }

    @Test func anIntervalDaemonSyncsAtStartAndThenEveryInterval() async {
        let (calls, _) = await run(.every(seconds: 900), runAtStart: true, outcomes: [.success(.init()), .success(.init())])
        #expect(calls.map { $0.timeIntervalSince(start) } == [0, 900, 1_800])
    }

    @Test func withoutNowTheFirstSyncWaitsForTheSchedule() async {
        let (calls, _) = await run(.every(seconds: 600), runAtStart: false, outcomes: [.success(.init())])
        #expect(calls.map { $0.timeIntervalSince(start) } == [600, 1_200])
    }

    @Test func failuresAreRetriedWithGrowingBackoffThenTheScheduleResumes() async {
        let down = SyncError.server(status: 503, code: "unavailable", message: "busy")
        let (calls, _) = await run(
            .every(seconds: 3_600), runAtStart: true,
            outcomes: [.failure(down), .failure(down), .failure(down), .success(.init())])
        // Each sync takes 5 s; retries come 30, 60, 120 s after a failure ends; then the hourly schedule.
        #expect(calls.map { $0.timeIntervalSince(start) } == [0, 35, 100, 225, 225 + 3_600])
    }

    @Test func aRetryNeverComesLaterThanTheNextScheduledSync() async {
        var backoffCalls: [TimeInterval] = []
        let down = SyncError.server(status: 503, code: "unavailable", message: "busy")
        let (calls, _) = await run(.every(seconds: 45), runAtStart: true, outcomes: [.failure(down), .failure(down)])
        for (earlier, later) in zip(calls, calls.dropFirst()) { backoffCalls.append(later.timeIntervalSince(earlier)) }
        #expect(backoffCalls.allSatisfy { $0 <= 45 + 5 })
    }
}
