import Foundation
import OfficeWork
import SyncCore

/// Italian ways of writing dates, numbers and money, both ways: what pages show and what people type.
enum ItalianFormat {
    /// `2026-03-15` as `15/03/2026`; text that is not a date is returned as it is.
    static func date(_ iso: String) -> String {
        guard let date = ISODate(iso) else { return iso }
        let parts = date.description.split(separator: "-")
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// A typed date (`15/03/2026`, `15/3/2026`, `15-03-2026` or `2026-03-15`) as `YYYY-MM-DD`; nil when
    /// it is not a real date.
    static func parseDate(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = ISODate(trimmed) { return date.description }
        let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        guard parts.count == 3, parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]),
            let year = Int(parts[2]), (1...2).contains(parts[0].count), (1...2).contains(parts[1].count)
        else { return nil }
        return ISODate(String(format: "%04d-%02d-%02d", year, month, day))?.description
    }

    /// Cents as euros the Italian way: `123450` → `1.234,50 €`.
    static func euros(_ cents: Int64) -> String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        let whole = String(magnitude / 100)
        var grouped = ""
        for (index, digit) in whole.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        let fraction = String(format: "%02d", Int(magnitude % 100))
        return (negative ? "-" : "") + String(grouped.reversed()) + "," + fraction + " €"
    }

    /// A typed amount (`1.234,50`, `1234,5`, `1234.50`, `€ 12`) as the `1234.50` the record forms
    /// read; nil when it is not an amount.
    static func parseEuros(_ text: String) -> String? {
        var trimmed = text.replacingOccurrences(of: "€", with: "").trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if trimmed.contains(",") {
            // Italian: dots group thousands, the comma marks the cents.
            let groups = trimmed.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count == 2, Self.isGrouped(String(groups[0])) else { return nil }
            trimmed = groups[0].replacingOccurrences(of: ".", with: "") + "." + groups[1]
        } else if trimmed.filter({ $0 == "." }).count > 1 || Self.looksGrouped(trimmed) {
            guard Self.isGrouped(trimmed) else { return nil }
            trimmed = trimmed.replacingOccurrences(of: ".", with: "")
        }
        guard Euros.cents(from: trimmed) != nil else { return nil }
        return trimmed
    }

    /// An ISO-8601 time (with or without fractional seconds, as the server and the replica write
    /// them) as `15/03/2026 14:05` in Italian time; text that is not a time is returned as it is.
    static func time(_ iso: String) -> String {
        instant(iso).map(time) ?? iso
    }

    /// `date` as `15/03/2026 14:05` in Italian time (every office is in Italy, whatever the computer's zone).
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "it_IT")
        formatter.timeZone = TimeZone(identifier: "Europe/Rome") ?? .current
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        return formatter.string(from: date)
    }

    /// An ISO-8601 time, with or without fractional seconds; nil for anything else.
    static func instant(_ iso: String) -> Date? {
        if let date = ISO8601DateFormatter().date(from: iso) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: iso)
    }

    /// A decimal number with a comma: `2,5`.
    static func decimal(_ number: Double) -> String {
        if number == number.rounded() && abs(number) < 1e15 { return String(Int64(number)) }
        return String(number).replacingOccurrences(of: ".", with: ",")
    }

    /// Whether `text` is digits grouped by dots in threes (`1.234.567`) or plain digits.
    private static func isGrouped(_ text: String) -> Bool {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) || groups.count == 1 else { return false }
        return groups.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
            && groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    /// `1.234`: one dot followed by exactly three digits reads as a thousands separator in Italian.
    private static func looksGrouped(_ text: String) -> Bool {
        let groups = text.split(separator: ".", omittingEmptySubsequences: false)
        return groups.count == 2 && groups[1].count == 3 && groups[0] != "0"
    }
}
