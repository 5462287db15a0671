import ArgumentParser
import BenchKit
import Foundation
import MergeServer
import ReplicaStore
import SiteClient

/// `farelegami-bench`: the performance suite (BENCHMARKS.md). Thin: parses the options and runs
/// BenchKit's `Bench`. Internally it is also the server and sync processes the suite starts
/// (`--serve DB PORT`, `--sync DB`) when the `farelegami` binary is not beside it.
@main struct FarelegamiBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "farelegami-bench", abstract: "Measure sync, capture and merge against the baselines (release build).")

    @Option(help: "Rows of the big phases (default 1,000,000; 20,000 with --quick).")
    var rows: Int?

    @Option(name: .customLong("rows-per-client"), help: "Rows each client pushes in the concurrency phase (default 2,000; 100 with --quick).")
    var rowsPerClient: Int?

    @Option(help: ArgumentHelp(
        "Run only these phases, comma-separated: \(BenchPhase.allCases.map(\.rawValue).joined(separator: ",")) "
            + "(targets are checked only where their figures were measured)."))
    var only: String?

    @Flag(help: "Small sizes, every figure still produced.")
    var quick = false

    @Option(help: ArgumentHelp(
        "Put the merge server's stores on PostgreSQL: the server's maintenance database, e.g. "
            + "postgres://USER@127.0.0.1:PORT/postgres (each store a new database on it). Default: SQLite files.",
        valueName: "address"))
    var store: String?

    @Flag(name: .customLong("random-ids"), help: "Give the rows wholly random ids instead of time-ordered ones (UUIDv7 layout).")
    var randomIDs = false

    @Option(help: ArgumentHelp("Also write the figures and targets as JSON to this file.", valueName: "file"))
    var json: String?

    @Option(parsing: .upToNextOption, help: .hidden)
    var serve: [String] = []

    @Option(help: .hidden)
    var sync: String?

    func validate() throws {
        for (name, value) in [("--rows", rows), ("--rows-per-client", rowsPerClient)] {
            if let value, value <= 0 { throw ValidationError("\(name) needs a whole number above 0") }
        }
        if let store, !PostgresLocation.isAddress(store) { throw ValidationError("--store takes a postgres:// address") }
        if !serve.isEmpty, serve.count != 2 || Int(serve[1]) == nil { throw ValidationError("--serve takes DB PORT") }
    }

    func run() async throws {
        if serve.count == 2, let port = Int(serve[1]) {
            try await runServer(ServerConfiguration(databasePath: serve[0], port: port))
            return
        }
        if let sync {
            print(try SyncSession(replica: try Replica(path: sync)).run())
            return
        }
        let temporary = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var parameters = quick
            ? BenchParameters.quick(rows: rows ?? 20_000, directory: temporary)
            : BenchParameters.full(rows: rows ?? 1_000_000, directory: temporary)
        if let rowsPerClient { parameters.rowsPerClient = rowsPerClient }
        parameters.postgres = store
        parameters.randomIDs = randomIDs
        FileHandle.standardError.write(Data("server store: \(store.map { "PostgreSQL at \($0)" } ?? "SQLite files")\n".utf8))
        if let only {
            switch BenchPhase.parse(only) {
            case .success(let phases): parameters.phases = phases
            case .failure(let error): throw ValidationError("\(error)")
            }
        }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let client = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("farelegami").path
        let executables = Executables(
            server: { [me, "--serve", $0, String($1)] },
            sync: { FileManager.default.isExecutableFile(atPath: client) ? [client, "sync", "--db", $0] : [me, "--sync", $0] })
        FileHandle.standardError.write(Data("sync process: \(executables.sync("REPLICA").joined(separator: " "))\n".utf8))
        let start = Date()
        let report = try await Bench(parameters: parameters, executables: executables) { line in
            FileHandle.standardError.write(Data("[\(Int(Date().timeIntervalSince(start)))s] \(line)\n".utf8))
        }.run()
        print(report.table())
        if let json { try report.json().write(to: URL(fileURLWithPath: json)) }
    }
}
