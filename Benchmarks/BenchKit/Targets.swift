/// The targets of issue 6, checked against one run's figures.
enum Targets {
    static func check(_ r: BenchReport, rows: Int) -> [TargetCheck] {
        func f(_ value: Double) -> String { BenchReport.format(value) }
        var checks: [TargetCheck] = []
        let baselineA = r["baseline_insert_rows_per_s"]
        let baselineB = r["baseline_changeset_apply_rows_per_s"]
        for (key, name) in [("full_scale_pull", "initial sync"), ("full_scale_push", "bulk push")] {
            let rate = r["\(key)_rows_per_s"]
            checks.append(TargetCheck(
                target: "\(name) ≥ 1/2 of baseline (a)", measured: "\(f(rate)) vs \(f(baselineA / 2)) rows/s",
                met: rate >= baselineA / 2))
            checks.append(TargetCheck(
                target: "\(name) ≥ baseline (b) apply", measured: "\(f(rate)) vs \(f(baselineB)) rows/s",
                met: rate >= baselineB))
        }
        let ratio = r["capture_overhead_ratio"]
        checks.append(TargetCheck(target: "capture ≤ 1.5× plain writes", measured: "\(f(ratio))×", met: ratio <= 1.5))
        for phase in ["push", "pull"] {
            for side in ["client", "server"] {
                let small = r["small_scale_\(phase)_\(side)_peak_mb"]
                let full = r["full_scale_\(phase)_\(side)_peak_mb"]
                checks.append(TargetCheck(
                    target: "\(phase == "push" ? "bulk push" : "initial sync") \(side) peak RSS ≤ 150 MB, flat",
                    measured: "\(f(small)) MB at \(rows / 10) rows, \(f(full)) MB at \(rows) rows",
                    met: full <= 150 && small <= 150 && full <= small * 1.5 + 10))
            }
        }
        let noop = r["noop_sync_p50_ms"]
        checks.append(TargetCheck(target: "no-op sync p50 ≤ 5 ms in process", measured: "\(f(noop)) ms", met: noop <= 5))
        let process = r["noop_process_sync_p50_ms"]
        checks.append(TargetCheck(
            target: "no-op sync p50 ≤ 50 ms as a whole process", measured: "\(f(process)) ms", met: process <= 50))
        let hundred = r["row100_sync_p50_ms"]
        checks.append(TargetCheck(
            target: "100-row sync p50 ≤ 20 ms in process", measured: "\(f(hundred)) ms", met: hundred <= 20))
        let one = r["clients_1_rows_per_s"]
        let fifty = r["clients_50_rows_per_s"]
        let errors = r["clients_50_errors"] + r["clients_10_errors"] + r["clients_3_errors"]
        checks.append(TargetCheck(
            target: "50 clients aggregate ≥ 70% of one client's, no errors",
            measured: "\(f(fifty)) vs \(f(one * 0.7)) rows/s, \(f(errors)) errors", met: fifty >= one * 0.7 && errors == 0))
        let merge = r["merge_versions_per_s"]
        checks.append(TargetCheck(
            target: "merge ≥ 2,000,000 versions/s", measured: "\(f(merge)) versions/s", met: merge >= 2_000_000))
        return checks
    }
}
