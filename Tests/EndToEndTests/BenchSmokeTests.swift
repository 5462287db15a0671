import BenchKit
import ProcessHarness
import Foundation
import Testing

/// The benchmark suite runs end to end at a tiny size: every figure is produced. How fast is not
/// checked here (timed assertions never go in unit tests; see BENCHMARKS.md).
@Suite(.serialized) struct BenchSmokeTests {
    @Test func benchmarkSuiteProducesEveryFigureAtQuickSize() async throws {
        var parameters = BenchParameters.quick(rows: 2_000, directory: FileManager.default.temporaryDirectory.path)
        parameters.smallSyncs = 3
        parameters.processSyncs = 2
        parameters.rowsPerClient = 20
        let executables = Executables.binaries(server: Binaries.server, client: Binaries.client)
        let report = try await Bench(parameters: parameters, executables: executables).run()

        #expect(report.figures.count >= 35)
        for figure in report.figures {
            #expect(figure.value.isFinite, "\(figure.label) was not measured")
        }
        #expect(report.targets.count == 14)
        #expect(report.figures.map(\.key).contains("baseline_ordered_rows_per_s"))
        #expect(report.figures.map(\.key).contains("catch_up_pull_rows_per_s"))
        #expect(report.figures.map(\.key).contains("baseline_replica_floor_rows_per_s"))
        #expect(report.figures.map(\.key).contains("baseline_snapshot_floor_rows_per_s"))
        #expect(report["clients_50_errors"] == 0)
        #expect(!report.table().isEmpty)
    }

    @Test func onlyTheNamedPhasesRunAndOnlyTheirTargetsAreChecked() async throws {
        var parameters = BenchParameters.quick(rows: 2_000, directory: FileManager.default.temporaryDirectory.path)
        parameters.phases = try BenchPhase.parse("capture,merge").get()
        let executables = Executables.binaries(server: Binaries.server, client: Binaries.client)
        let report = try await Bench(parameters: parameters, executables: executables).run()

        #expect(report.figures.map(\.key).contains("capture_overhead_ratio"))
        #expect(report.figures.map(\.key).contains("merge_versions_per_s"))
        #expect(report.figures.map(\.key).contains("merge_field_cap_per_value_ratio"))
        #expect(report.figures.map(\.key).contains("merge_field_4096_per_value_ratio"))
        #expect(report["baseline_insert_rows_per_s"].isNaN)
        #expect(report.figures.map(\.key).contains("capture_shell_ratio"), "the sqlite3 shell is installed by scripts/install-deps.sh")
        #expect(report.targets.map(\.target) == [
            "capture ≤ 1.5× plain writes", "capture through the sqlite3 shell ≤ 1.5× plain",
        ], "the merge's figure is kept, its target retired (issue 22)")
    }

    @Test func anUnknownOrMissingPhaseIsRefusedWithTheListOfPhases() {
        let unknown = BenchPhase.parse("capture,speed")
        #expect(throws: BenchError.self) { try unknown.get() }
        if case .failure(let error) = unknown {
            #expect(error.description == "unknown phase 'speed' (phases: baselines, capture, sync, small, merge, schema)")
        }
        #expect(throws: BenchError.self) { try BenchPhase.parse("").get() }
    }
}
