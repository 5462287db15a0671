import Foundation
import SiteClient
import Testing

@Suite struct SyncScheduleTests {
    static let rome = TimeZone(identifier: "Europe/Rome")!

    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    @Test(arguments: [
        // An ordinary winter night: 02:00 CET is 01:00 UTC.
        ("2026-01-14T12:00:00Z", "2026-01-15T01:00:00Z"),
        // An ordinary summer night: 02:00 CEST is 00:00 UTC.
        ("2026-07-01T12:00:00Z", "2026-07-02T00:00:00Z"),
        // The spring-forward night (29 March 2026): 02:00 does not exist; the sync runs at 03:00 CEST.
        ("2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z"),
        // The night after it is back to 02:00 CEST.
        ("2026-03-29T12:00:00Z", "2026-03-30T00:00:00Z"),
        // The fall-back night (25 October 2026): 02:00 happens twice; the sync runs once, at the first.
        ("2026-10-24T12:00:00Z", "2026-10-25T00:00:00Z"),
        ("2026-10-25T00:30:00Z", "2026-10-26T01:00:00Z"),
    ])
    func aNightlyScheduleKeepsTheLocalTimeAcrossDaylightSavingChanges(after: String, expected: String) throws {
        let schedule = try SyncSchedule.daily("02:00", timeZone: Self.rome)
        #expect(schedule.nextRun(after: Self.utc(after)) == Self.utc(expected))
    }

    @Test(arguments: [("30s", 30.0), ("15m", 900.0), ("6h", 21_600.0), ("20", 1_200.0)])
    func intervalsReadWithTheirUnits(text: String, seconds: Double) throws {
        #expect(try SyncSchedule.interval(text) == .every(seconds: seconds))
    }

    @Test(arguments: ["", "5s", "abc", "15x", "-3m"])
    func badIntervalsAreRefusedWithAReason(text: String) {
        #expect(throws: SyncError.self) { try SyncSchedule.interval(text) }
    }

    @Test(arguments: ["2", "24:00", "02:60", "2:5", "ab:cd", "02:00:00"])
    func badTimesAreRefusedWithAReason(text: String) {
        #expect(throws: SyncError.self) { try SyncSchedule.daily(text) }
    }

    @Test func backoffDoublesFromThirtySecondsAndIsCappedAtThirtyMinutes() {
        let backoff = RetryBackoff()
        let delays = (1...10).map { backoff.delay(afterFailures: $0, random: 0) }
        #expect(delays == [30, 60, 120, 240, 480, 960, 1_800, 1_800, 1_800, 1_800])
    }

    @Test func backoffJitterShortensTheWaitByAtMostTwentyPercent() {
        let backoff = RetryBackoff()
        #expect(backoff.delay(afterFailures: 3, random: 0.999_999) > 120 * 0.8)
        #expect(backoff.delay(afterFailures: 3, random: 0.5) == 120 * 0.9)
    }

    @Test func settingsFromFlagsOverrideTheEnvironmentWhichOverridesTheFile() throws {
        let file = DaemonConfiguration(db: "file.sqlite", at: "03:00", logLevel: "debug")
        let environment = DaemonConfiguration.environment(["FARELEGAMI_DB": "env.sqlite", "FARELEGAMI_LOG_LEVEL": "error"])
        let flags = DaemonConfiguration(every: "15m")
        let merged = file.overridden(by: environment).overridden(by: flags)
        #expect(merged.db == "env.sqlite")
        #expect(merged.logLevel == "error")
        #expect(try merged.schedule() == .every(seconds: 900))
        #expect(try file.schedule(timeZone: Self.rome) == .daily(hour: 3, minute: 0, timeZone: Self.rome))
    }
}
