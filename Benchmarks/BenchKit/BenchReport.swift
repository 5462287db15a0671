import Foundation

/// One measured figure of a benchmark run.
public struct Figure: Sendable, Codable, Equatable {
    /// A stable key (`initial_sync_rows_per_s`).
    public let key: String
    /// What was measured, for the table.
    public let label: String
    /// The value.
    public let value: Double
    /// The unit (`rows/s`, `ms`, `MB`).
    public let unit: String
}

/// A target the run checks, with the figures it compared.
public struct TargetCheck: Sendable, Codable, Equatable {
    /// The target as stated in issue 6.
    public let target: String
    /// The figure and what it was compared with.
    public let measured: String
    /// Whether the target was met.
    public let met: Bool
}

/// Every figure of one run, in the order measured, and the targets checked against them.
public struct BenchReport: Sendable, Codable {
    /// The parameters of the run.
    public var parameters: [String: String] = [:]
    /// The machine (cores, memory).
    public var machine: [String: String] = [:]
    /// The figures, in the order measured.
    public var figures: [Figure] = []
    /// The targets.
    public var targets: [TargetCheck] = []

    /// An empty report.
    public init() {}

    mutating func add(_ key: String, _ label: String, _ value: Double, _ unit: String) {
        figures.append(Figure(key: key, label: label, value: value, unit: unit))
    }

    /// The value of figure `key` (NaN when it was not measured).
    public subscript(key: String) -> Double { figures.first { $0.key == key }?.value ?? .nan }

    /// The report as a table for a terminal.
    public func table() -> String {
        var lines = ["| figure | value | unit |", "|---|---:|---|"]
        for figure in figures {
            lines.append("| \(figure.label) | \(Self.format(figure.value)) | \(figure.unit) |")
        }
        lines.append("")
        lines.append("| target | measured | met |")
        lines.append("|---|---|---|")
        for target in targets {
            lines.append("| \(target.target) | \(target.measured) | \(target.met ? "met" : "MISSED") |")
        }
        return lines.joined(separator: "\n")
    }

    /// The report as pretty JSON.
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(self)) ?? Data()
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "n/a" }
        if abs(value) >= 1000 { return String(Int(value.rounded())) }
        if abs(value) >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }
}
