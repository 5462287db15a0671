/// Amounts of money as people type them (`12.50`, `12,50`, `1500`) and as the replicas store them
/// (integer cents).
public enum Euros {
    /// The largest amount accepted: EUR 99,999,999.99, far above the whole project budget.
    public static let maximumCents: Int64 = 9_999_999_999

    /// The cents `text` names: digits, optionally a decimal point or comma and one or two digits.
    /// Thousands separators are refused (`1.500,00` is ambiguous); so are signs and symbols.
    ///
    /// - Returns: nil when the text is not such an amount or exceeds `maximumCents`.
    public static func cents(from text: String) -> Int64? {
        let trimmed = text.trimmingSpaces
        let parts = trimmed.split(separator: trimmed.contains(",") ? "," : ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 8,
            parts[0].allSatisfy(\.isASCIIDigit)
        else { return nil }
        var cents = Int64(parts[0])! * 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            cents += Int64(fraction)! * (fraction.count == 1 ? 10 : 1)
        }
        return cents <= maximumCents ? cents : nil
    }

    /// `1234.50`: the amount in euros with two decimals and a point, as the CLI takes it.
    public static func plain(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `EUR 1,234.50`: the amount with thousands separators, for reports.
    public static func formatted(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        var whole = String(magnitude / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        let fraction = magnitude % 100
        return "\(sign)EUR \(groups.joined(separator: ",")).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0-9.
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
