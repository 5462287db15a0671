/// The dates a report covers: a six-month half (`2026-H1` is January to June, `2026-H2` July to
/// December), a `from`/`to` range (either end may be open), or all time.
public struct ReportPeriod: Sendable, Equatable, CustomStringConvertible {
    /// The first day covered, or nil for no lower bound.
    public let from: ISODate?
    /// The last day covered, or nil for no upper bound.
    public let to: ISODate?

    /// Every date.
    public static let allTime = ReportPeriod(uncheckedFrom: nil, to: nil)

    private init(uncheckedFrom from: ISODate?, to: ISODate?) {
        self.from = from
        self.to = to
    }

    /// The half-year `text` names: `YYYY-H1` or `YYYY-H2`.
    ///
    /// - Throws: `OfficeError.invalidPeriod` for any other text.
    public init(half text: String) throws(OfficeError) {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), (1900...2199).contains(year), ["H1", "H2"].contains(parts[1])
        else { throw .invalidPeriod("'\(text)' is not a half-year like 2026-H1 or 2026-H2") }
        let first = parts[1] == "H1"
        self.init(
            uncheckedFrom: ISODate(year: year, month: first ? 1 : 7, day: 1),
            to: ISODate(year: year, month: first ? 6 : 12, day: first ? 30 : 31))
    }

    /// The range from `from` to `to` (both `YYYY-MM-DD`, either may be nil).
    ///
    /// - Throws: `OfficeError.invalidField` naming `from` or `to` for a bad date,
    ///   `.invalidPeriod` when `to` is before `from`.
    public init(from: String?, to: String?) throws(OfficeError) {
        func date(_ text: String?, _ field: String) throws(OfficeError) -> ISODate? {
            guard let text else { return nil }
            guard let date = ISODate(text.trimmingSpaces) else {
                throw .invalidField(field: field, value: text, reason: "is not a date YYYY-MM-DD")
            }
            return date
        }
        let start = try date(from, "from"), end = try date(to, "to")
        if let start, let end, end < start { throw .invalidPeriod("--to \(end) is before --from \(start)") }
        self.init(uncheckedFrom: start, to: end)
    }

    /// Whether the period has a bound (reports then count only what falls inside it).
    public var isBounded: Bool { from != nil || to != nil }

    /// Whether `date` falls in the period; a missing date only in the unbounded period.
    public func contains(_ date: ISODate?) -> Bool {
        guard let date else { return !isBounded }
        if let from, date < from { return false }
        if let to, date > to { return false }
        return true
    }

    /// Whether `date` is on or before the period's end (always, when it has none).
    public func reaches(_ date: ISODate?) -> Bool {
        guard let date else { return to == nil }
        return to.map { date <= $0 } ?? true
    }

    /// The years the period touches, or nil when it has no bounds on both sides.
    public var years: ClosedRange<Int>? {
        guard let from, let to else { return nil }
        return from.year...to.year
    }

    /// `2026-01-01 to 2026-06-30`, `up to 2026-06-30`, `from 2026-01-01` or `all time`.
    public var description: String {
        switch (from, to) {
        case (let from?, let to?): "\(from) to \(to)"
        case (nil, let to?): "up to \(to)"
        case (let from?, nil): "from \(from)"
        case (nil, nil): "all time"
        }
    }
}
