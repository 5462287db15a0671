/// The targets of issue 6, checked against one run's figures.
enum Targets {
    static func check(_ r: BenchReport, rows: Int) -> [TargetCheck] {
        func f(_ value: Double) -> String { BenchReport.format(value) }
        var checks: [TargetCheck] = []
        /// Adds a check when every figure it compares was measured (`--only` skips phases).
        func check(_ target: String, _ measured: String, met: Bool, from inputs: Double...) {
            guard !inputs.contains(where: \.isNaN) else { return }
            checks.append(TargetCheck(target: target, measured: measured, met: met))
        }
        let baselineA = r["baseline_insert_rows_per_s"]
        let baselineB = r["baseline_changeset_apply_rows_per_s"]
        for (key, name) in [("full_scale_pull", "initial sync"), ("full_scale_push", "bulk push")] {
            let rate = r["\(key)_rows_per_s"]
            check(
                "\(name) ≥ 1/2 of baseline (a)", "\(f(rate)) vs \(f(baselineA / 2)) rows/s",
                met: rate >= baselineA / 2, from: rate, baselineA)
            check(
                "\(name) ≥ baseline (b) apply", "\(f(rate)) vs \(f(baselineB)) rows/s",
                met: rate >= baselineB, from: rate, baselineB)
        }
        let catchUp = r["catch_up_pull_rows_per_s"]
        let rawUpdate = r["baseline_update_rows_per_s"]
        check(
            "catch-up pull ≥ 1/2 of raw SQLite updating the same rows", "\(f(catchUp)) vs \(f(rawUpdate / 2)) rows/s",
            met: catchUp >= rawUpdate / 2, from: catchUp, rawUpdate)
        let ratio = r["capture_overhead_ratio"]
        check("capture ≤ 1.5× plain writes", "\(f(ratio))×", met: ratio <= 1.5, from: ratio)
        let shell = r["capture_shell_ratio"]
        check("capture through the sqlite3 shell ≤ 1.5× plain", "\(f(shell))×", met: shell <= 1.5, from: shell)
        for phase in ["push", "pull"] {
            for side in ["client", "server"] {
                let small = r["small_scale_\(phase)_\(side)_peak_mb"]
                let full = r["full_scale_\(phase)_\(side)_peak_mb"]
                check(
                    "\(phase == "push" ? "bulk push" : "initial sync") \(side) peak RSS ≤ 150 MB, flat",
                    "\(f(small)) MB at \(rows / 10) rows, \(f(full)) MB at \(rows) rows",
                    met: full <= 150 && small <= 150 && full <= small * 1.5 + 10, from: small, full)
            }
        }
        let noop = r["noop_sync_p50_ms"]
        check("no-op sync p50 ≤ 5 ms in process", "\(f(noop)) ms", met: noop <= 5, from: noop)
        let process = r["noop_process_sync_p50_ms"]
        check("no-op sync p50 ≤ 50 ms as a whole process", "\(f(process)) ms", met: process <= 50, from: process)
        let hundred = r["row100_sync_p50_ms"]
        check("100-row sync p50 ≤ 20 ms in process", "\(f(hundred)) ms", met: hundred <= 20, from: hundred)
        let one = r["clients_1_rows_per_s"]
        let fifty = r["clients_50_rows_per_s"]
        let errors = r["clients_50_errors"] + r["clients_10_errors"] + r["clients_3_errors"]
        check(
            "50 clients aggregate ≥ 70% of one client's, no errors",
            "\(f(fifty)) vs \(f(one * 0.7)) rows/s, \(f(errors)) errors", met: fifty >= one * 0.7 && errors == 0,
            from: one, fifty, errors)
        let merge = r["merge_versions_per_s"]
        check("merge ≥ 2,000,000 versions/s", "\(f(merge)) versions/s", met: merge >= 2_000_000, from: merge)
        return checks
    }
}
