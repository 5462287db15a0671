import Foundation

/// How a person reads one side of a conflict: the office that wrote it and when, never a replica
/// id ("crema, 3 Dec 14:02", "this office, not yet synced, 3 Dec 14:02", "another office, time
/// unknown"). Times are shown in Italian local time (Europe/Rome), day and short month, with the
/// year only when it is not the current one.
public struct SideLabel: Sendable, Equatable {
    /// The site of the replica that wrote the side, when known.
    public let site: String?
    /// Whether this replica wrote it.
    public let isThisOffice: Bool
    /// Whether it is this replica's write that the server has not acknowledged yet.
    public let unsynced: Bool
    /// When it was written (cut here, or received by the server), when known.
    public let time: Date?

    /// A label with every field given.
    public init(site: String?, isThisOffice: Bool, unsynced: Bool, time: Date?) {
        self.site = site
        self.isThisOffice = isThisOffice
        self.unsynced = unsynced
        self.time = time
    }

    /// The label as text; `now` decides whether the year is said.
    public func text(now: Date = Date()) -> String {
        var parts = [isThisOffice ? "this office" : site ?? "another office"]
        if unsynced { parts.append("not yet synced") }
        parts.append(time.map { Self.shortTime($0, now: now) } ?? "time unknown")
        return parts.joined(separator: ", ")
    }

    /// `date` as "3 Dec 14:02" in Europe/Rome ("3 Dec 2025 14:02" when not in `now`'s year there).
    public static func shortTime(_ date: Date, now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = rome
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let year = calendar.component(.year, from: now) == parts.year ? "" : " \(parts.year ?? 0)"
        let month = months[((parts.month ?? 1) - 1) % 12]
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return "\(parts.day ?? 0) \(month)\(year) \(time)"
    }

    /// Italian local time; UTC on a machine without time zone data.
    static let rome = TimeZone(identifier: "Europe/Rome") ?? TimeZone(identifier: "UTC")!
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
