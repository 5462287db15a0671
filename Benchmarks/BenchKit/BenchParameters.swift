/// The sizes of a benchmark run.
public struct BenchParameters: Sendable {
    /// Rows of the big phases (baselines, capture, initial sync, bulk push, merge).
    public var rows: Int
    /// Iterations of each small sync.
    public var smallSyncs: Int
    /// Iterations of the whole-process no-op sync.
    public var processSyncs: Int
    /// Rows each client pushes in the concurrency phase.
    public var rowsPerClient: Int
    /// The client counts of the concurrency phase.
    public var clientCounts: [Int]
    /// Where the files go (a fresh directory is made inside).
    public var directory: String
    /// The phases to run (all of them unless `--only` names some).
    public var phases: Set<BenchPhase> = Set(BenchPhase.allCases)
    /// The PostgreSQL server the merge server's stores go on (`--store`: its maintenance database's
    /// address, each store a new database on it); nil: SQLite files, the default.
    public var postgres: String?
    /// Whether the rows get wholly random ids instead of time-ordered ones (`--random-ids`).
    public var randomIDs = false

    /// The full run: `rows` rows (1,000,000 by default).
    public static func full(rows: Int = 1_000_000, directory: String) -> BenchParameters {
        BenchParameters(
            rows: rows, smallSyncs: 200, processSyncs: 30, rowsPerClient: 2_000, clientCounts: [3, 10, 50],
            directory: directory)
    }

    /// A quick run (`--quick`): small sizes, every figure still produced.
    public static func quick(rows: Int = 20_000, directory: String) -> BenchParameters {
        BenchParameters(
            rows: rows, smallSyncs: 20, processSyncs: 5, rowsPerClient: 100, clientCounts: [3, 10, 50],
            directory: directory)
    }
}
