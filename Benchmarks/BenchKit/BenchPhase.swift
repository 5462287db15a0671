/// A part of the suite that can be run on its own (`farelegami-bench --only capture,merge`).
public enum BenchPhase: String, CaseIterable, Sendable {
    /// Baselines (a) and (b).
    case baselines
    /// Capture triggers against plain writes.
    case capture
    /// Bulk push and initial sync at a tenth of the rows and at all of them.
    case sync
    /// No-op and 100-row syncs, then 1, 3, 10 and 50 concurrent clients.
    case small
    /// The core merge in memory.
    case merge
    /// A replica moving to a published catalog version (an added column, a widened enumeration).
    case schema

    /// The phases named in `list` (comma-separated), or nil with the name that is not a phase.
    public static func parse(_ list: String) -> Result<Set<BenchPhase>, BenchError> {
        var phases: Set<BenchPhase> = []
        for name in list.split(separator: ",") {
            guard let phase = BenchPhase(rawValue: String(name)) else {
                let known = allCases.map(\.rawValue).joined(separator: ", ")
                return .failure(BenchError("unknown phase '\(name)' (phases: \(known))"))
            }
            phases.insert(phase)
        }
        guard !phases.isEmpty else { return .failure(BenchError("--only needs at least one phase")) }
        return .success(phases)
    }
}
