import SyncCore

extension Bench {
    /// The merge of one field whose concurrent values meet from two sides (half on each, every one
    /// written by a replica of its own, as a hostile push would send them), at 16 values and at the
    /// cap (`Catalog.maxSiblings`, 64). The cost per value at the cap against at 16 shows whether the
    /// work grows linearly with the values (ratio ≈ 1) or faster; the cap itself bounds it.
    func wideFieldMerge(into report: inout BenchReport) throws {
        let small = try microsecondsPerMerge(values: 16)
        let capped = try microsecondsPerMerge(values: Catalog.maxSiblings)
        report.add("merge_field_16_us", "merge of a field with 16 concurrent values", small, "µs")
        report.add("merge_field_cap_us", "merge of a field with \(Catalog.maxSiblings) concurrent values (the cap)", capped, "µs")
        report.add(
            "merge_field_cap_per_value_ratio", "cost per value at the cap / at 16 values (1 = linear)",
            (capped / Double(Catalog.maxSiblings)) / (small / 16), "×")
    }

    /// Microseconds one `RowVersion.merge(local:remote:)` takes when each side holds `values / 2`
    /// concurrent values of one field (the best of 5 rounds of 2,000 merges).
    private func microsecondsPerMerge(values: Int) throws -> Double {
        func side(_ prefix: String) -> RowVersion {
            let writers = (0..<values / 2).map { ReplicaID("\(prefix)\($0)") }
            let names = writers.map { Sibling(dot: Dot(replica: $0, counter: 1), value: .text("Nome \($0)")) }
            return RowVersion(
                table: "partner", id: "p-wide", clock: VersionVector(Dictionary(uniqueKeysWithValues: writers.map { ($0, 1) })),
                live: [Sibling(dot: names[0].dot, value: .integer(1))], fields: ["name": names])
        }
        let local = side("a"), remote = side("b")
        let rounds = 2_000
        var best = Double.infinity
        for _ in 0..<5 {
            var kept = 0
            let seconds = Stopwatch.seconds {
                for _ in 0..<rounds { kept &+= RowVersion.merge(local: local, remote: remote).merged.fields["name"]?.count ?? 0 }
            }
            guard kept == rounds * values else { throw BenchError("a wide-field merge kept \(kept / rounds) of \(values) values") }
            best = min(best, seconds)
        }
        return best / Double(rounds) * 1_000_000
    }
}
