import BenchKit
import Foundation
import MergeServer
import ReplicaStore
import SiteClient

// farelegami-bench [--rows N] [--rows-per-client N] [--quick] [--json out.json]
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
    print("usage: farelegami-bench [--rows N] [--rows-per-client N] [--quick] [--json out.json]")
    exit(0)
}

let quick = arguments.contains("--quick")
let rows = value(after: "--rows").flatMap(Int.init)
let temporary = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
var parameters = quick
    ? BenchParameters.quick(rows: rows ?? 20_000, directory: temporary)
    : BenchParameters.full(rows: rows ?? 1_000_000, directory: temporary)
if let perClient = value(after: "--rows-per-client").flatMap(Int.init), perClient > 0 {
    parameters.rowsPerClient = perClient
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
