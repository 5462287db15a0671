import Foundation

/// When the daemon syncs: every night at a local time, or on a fixed interval.
public enum SyncSchedule: Sendable, Equatable {
    /// Every day at `hour`:`minute` local time in `timeZone`. Across daylight-saving changes the
    /// wall-clock time holds: 02:00 stays 02:00, and on the night when 02:00 does not exist the
    /// sync runs at the first moment after the gap.
    case daily(hour: Int, minute: Int, timeZone: TimeZone)
    /// Every `seconds`, counted from the previous start.
    case every(seconds: TimeInterval)

    /// The first run strictly after `date`.
    public func nextRun(after date: Date) -> Date {
        switch self {
        case .every(let seconds):
            return date.addingTimeInterval(seconds)
        case .daily(let hour, let minute, let timeZone):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let wanted = DateComponents(hour: hour, minute: minute, second: 0)
            // The first time the wall clock shows hour:minute on the day that starts at `day`
            // (on the night it does not exist, the first moment after the gap).
            func firstRun(onDayStarting day: Date) -> Date {
                calendar.nextDate(
                    after: day.addingTimeInterval(-1), matching: wanted, matchingPolicy: .nextTime,
                    repeatedTimePolicy: .first, direction: .forward) ?? day.addingTimeInterval(86_400)
            }
            // At most one run per local day: on the fall-back night 02:00 happens twice, it runs once.
            let today = calendar.startOfDay(for: date)
            let todays = firstRun(onDayStarting: today)
            if todays > date { return todays }
            let tomorrow = calendar.date(byAdding: .day, value: 1, to: today) ?? today.addingTimeInterval(86_400)
            return firstRun(onDayStarting: tomorrow)
        }
    }

    /// Reads `--at HH:MM` (local time).
    ///
    /// - Throws: `SyncError.invalidSetting` for anything but a 24-hour time.
    public static func daily(_ text: String, timeZone: TimeZone = .current) throws(SyncError) -> SyncSchedule {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0..<24).contains(hour),
            (0..<60).contains(minute), parts[1].count == 2
        else { throw .invalidSetting("--at expects a 24-hour local time like 02:00, not '\(text)'") }
        return .daily(hour: hour, minute: minute, timeZone: timeZone)
    }

    /// Reads `--every 15m` (units s, m, h; a bare number is minutes).
    ///
    /// - Throws: `SyncError.invalidSetting` for anything else, or an interval under 10 seconds.
    public static func interval(_ text: String) throws(SyncError) -> SyncSchedule {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600]
        let unit = text.last.flatMap { units[$0] }
        let number = Double(unit == nil ? text : String(text.dropLast()))
        guard let number, number.isFinite, number * (unit ?? 60) >= 10 else {
            throw .invalidSetting("--every expects an interval of at least 10 s like 30s, 15m or 6h, not '\(text)'")
        }
        return .every(seconds: number * (unit ?? 60))
    }
}
