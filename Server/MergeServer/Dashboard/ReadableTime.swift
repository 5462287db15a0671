import Foundation

/// Times as a person reads them on the dashboard: `2026-05-04 17:02 UTC (2 days ago)`.
///
/// The store writes ISO-8601 UTC; the page shows UTC too (the offices share one time zone, but the
/// server may not run in it), with the age relative to the page's clock.
enum ReadableTime {
    /// `iso` as `YYYY-MM-DD HH:MM UTC (age)`; `never` for nil; the text itself when it is not ISO-8601.
    static func describe(_ iso: String?, now: Date) -> String {
        guard let iso else { return "never" }
        guard let date = parse(iso) else { return iso }
        return "\(clock(date)) (\(age(of: date, now: now)))"
    }

    /// `date` as `YYYY-MM-DD HH:MM UTC`.
    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)) UTC"
    }

    /// How long before `now` the date was: `just now`, `12 min ago`, `5 h ago`, `3 days ago`
    /// (`in the future` when the clocks disagree).
    static func age(of date: Date, now: Date) -> String {
        let seconds = now.timeIntervalSince(date)
        switch seconds {
        case ..<(-60): return "in the future"
        case ..<60: return "just now"
        case ..<3_600: return "\(Int(seconds / 60)) min ago"
        case ..<(48 * 3_600): return "\(Int(seconds / 3_600)) h ago"
        default: return "\(Int(seconds / 86_400)) days ago"
        }
    }

    /// The date of an ISO-8601 UTC timestamp as the store writes it.
    static func parse(_ iso: String) -> Date? {
        try? Date(iso, strategy: .iso8601)
    }
}
