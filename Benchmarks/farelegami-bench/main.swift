import BenchKit
import Foundation
import MergeServer
import ReplicaStore
import SiteClient

// farelegami-bench [--rows N] [--rows-per-client N] [--only PHASES] [--quick] [--json out.json]
// (internal: --serve DB PORT runs the merge server; --sync DB syncs a replica once.)
let arguments = Array(CommandLine.arguments.dropFirst())
let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]

func value(after flag: String) -> String? {
    arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}

if arguments.first == "--serve", arguments.count == 3, let port = Int(arguments[2]) {
    try await runServer(ServerConfiguration(databasePath: arguments[1], port: port))
    exit(0)
}
if arguments.first == "--sync", arguments.count == 2 {
    let session = try SyncSession(replica: try Replica(path: arguments[1]))
    print(try session.run())
    exit(0)
}
if arguments.contains("--help") || arguments.contains("-h") {
    print("""
        usage: farelegami-bench [--rows N] [--rows-per-client N] [--only PHASES] [--quick] [--json out.json]
          --rows N             rows of the big phases (default 1,000,000; 20,000 with --quick)
          --rows-per-client N  rows each client pushes in the concurrency phase (default 2,000; 100 with --quick)
          --only PHASES        run only these phases, comma-separated: \(BenchPhase.allCases.map(\.rawValue).joined(separator: ","))
                               (targets are checked only where their figures were measured)
          --quick              small sizes, every figure still produced
          --json FILE          also write the figures and targets as JSON
        """)
    exit(0)
}

/// The positive whole number after `flag`, nil when the flag is absent; exits with a one-line
/// message when it is there with anything else.
func count(after flag: String) -> Int? {
    guard arguments.contains(flag) else { return nil }
    guard let text = value(after: flag), let number = Int(text), number > 0 else {
        FileHandle.standardError.write(Data("farelegami-bench: \(flag) needs a whole number above 0\n".utf8))
        exit(2)
    }
    return number
}

let quick = arguments.contains("--quick")
let rows = count(after: "--rows")
let temporary = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
var parameters = quick
    ? BenchParameters.quick(rows: rows ?? 20_000, directory: temporary)
    : BenchParameters.full(rows: rows ?? 1_000_000, directory: temporary)
if let perClient = count(after: "--rows-per-client") {
    parameters.rowsPerClient = perClient
}
if arguments.contains("--only") {
    switch BenchPhase.parse(value(after: "--only") ?? "") {
    case .success(let phases): parameters.phases = phases
    case .failure(let error):
        FileHandle.standardError.write(Data("farelegami-bench: \(error)\n".utf8))
        exit(2)
    }
}
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
if let path = value(after: "--json") {
    try report.json().write(to: URL(fileURLWithPath: path))
}
