import SyncCore

extension Bench {
    /// The merge of one field whose concurrent values meet from two sides (half on each, every one
    /// written by a replica of its own, as a hostile push would send them).
    ///
    /// Timed at 16 values (the pairwise path, for reference), and on the set path at half the cap,
    /// at the cap (`Catalog.maxSiblings`, 64) and far beyond it (4,096, which the server refuses
    /// before merging). Each ratio compares the cost per value of two sizes on the same path: 1 means
    /// the work grows linearly with the values, 2 that it doubles per value when the values double
    /// (quadratic at 32 → 64).
    func wideFieldMerge(into report: inout BenchReport) throws {
        let pairwise = try microsecondsPerMerge(values: 16)
        let half = try microsecondsPerMerge(values: Catalog.maxSiblings / 2)
        let capped = try microsecondsPerMerge(values: Catalog.maxSiblings)
        let beyond = try microsecondsPerMerge(values: 4_096)
        report.add("merge_field_16_us", "merge of a field with 16 concurrent values (pairwise)", pairwise, "µs")
        report.add(
            "merge_field_half_cap_us", "merge of a field with \(Catalog.maxSiblings / 2) concurrent values (sets)", half, "µs")
        report.add("merge_field_cap_us", "merge of a field with \(Catalog.maxSiblings) concurrent values (the cap)", capped, "µs")
        report.add("merge_field_4096_us", "merge of a field with 4,096 concurrent values (refused by the server)", beyond, "µs")
        report.add(
            "merge_field_cap_per_value_ratio",
            "cost per value at the cap / at half the cap (1 = linear, 2 = quadratic)",
            (capped / Double(Catalog.maxSiblings)) / (half / Double(Catalog.maxSiblings / 2)), "×")
        report.add(
            "merge_field_4096_per_value_ratio", "cost per value at 4,096 / at the cap (1 = linear, 64 = quadratic)",
            (beyond / 4_096) / (capped / Double(Catalog.maxSiblings)), "×")
    }

    /// Microseconds one `RowVersion.merge(local:remote:)` takes when each side holds `values / 2`
    /// concurrent values of one field (the best of 5 rounds of about 128,000 values merged).
    private func microsecondsPerMerge(values: Int) throws -> Double {
        func side(_ prefix: String) -> RowVersion {
            let writers = (0..<values / 2).map { ReplicaID("\(prefix)\($0)") }
            let names = writers.map { Sibling(dot: Dot(replica: $0, counter: 1), value: .text("Nome \($0)")) }
            return RowVersion(
                table: "partner", id: "p-wide", clock: VersionVector(Dictionary(uniqueKeysWithValues: writers.map { ($0, 1) })),
                live: [Sibling(dot: names[0].dot, value: .integer(1))], fields: ["name": names])
        }
        let local = side("a"), remote = side("b")
        let rounds = max(20, 128_000 / values)
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
