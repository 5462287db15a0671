import Foundation
import MergeServer
import ReplicaStore
import SiteClient

/// How the benchmark starts the server and a whole `farelegami sync` process.
public struct Executables: Sendable {
    /// The command that serves the store at `database` on 127.0.0.1:`port`.
    public var server: @Sendable (_ database: String, _ port: Int) -> [String]
    /// The command that syncs the replica at `replica` once and exits.
    public var sync: @Sendable (_ replica: String) -> [String]

    /// Executables given by two command builders.
    public init(
        server: @escaping @Sendable (_ database: String, _ port: Int) -> [String],
        sync: @escaping @Sendable (_ replica: String) -> [String]
    ) {
        self.server = server
        self.sync = sync
    }

    /// The built `farelegami-server` and `farelegami` binaries.
    public static func binaries(server: String, client: String) -> Executables {
        Executables(
            server: { [server, "serve", "--db", $0, "--host", "127.0.0.1", "--port", String($1)] },
            sync: { [client, "sync", "--db", $0] })
    }
}

/// A merge server store in the benchmark directory, served by separate processes (so their peak
/// RSS is their own): one, or several on a PostgreSQL store, each always on the same loopback port.
final class BenchServer {
    /// The store: a SQLite file's path or a PostgreSQL address.
    let database: String
    let directory: String
    let name: String
    /// The ports of the server processes, the first one's first.
    let ports: [Int]
    private let executables: Executables
    private var children: [ChildProcess] = []

    /// The first server process's address.
    var url: String { url(process: 0) }
    /// How many server processes serve the store.
    var processes: Int { ports.count }

    /// The address of server process `process`.
    func url(process: Int) -> String { "http://127.0.0.1:\(ports[process % ports.count])" }

    /// Creates the store (a SQLite file, or a new database on the PostgreSQL server `postgres`) and a
    /// token file per site (`<directory>/<name>.<site>.token`).
    /// `processes` server processes serve it (more than one only on PostgreSQL).
    init(
        directory: String, name: String, sites: [String], postgres: String? = nil, processes: Int = 1, executables: Executables
    ) async throws {
        self.directory = directory
        self.name = name
        self.executables = executables
        self.ports = try (0..<(postgres == nil ? 1 : max(processes, 1))).map { _ in try LoopbackPort.free() }
        let store: any AdministeredStore
        if let postgres {
            let server = try PostgresLocation(postgres)
            let database = "bench_\(name.replacingOccurrences(of: "-", with: "_"))_\(UInt32.random(in: 0...UInt32.max))"
            let location = try await server.createDatabase(named: database)
            _ = try await PostgresChangeStore.create(location)
            store = try await PostgresChangeStore.open(location, connections: 1)
            self.database = location.description
        } else {
            self.database = "\(directory)/\(name).sqlite"
            try SQLiteChangeStore.create(path: database)
            store = try SQLiteChangeStore(path: database)
        }
        for site in sites {
            let token = try await store.issueToken(site: site, central: site == "hq")
            try token.write(toFile: tokenFile(site), atomically: true, encoding: .utf8)
        }
    }

    func tokenFile(_ site: String) -> String { "\(directory)/\(name).\(site).token" }

    /// Starts the server processes and waits until each accepts connections.
    func start() throws {
        for (index, port) in ports.enumerated() {
            let log = "\(directory)/\(name)\(index == 0 ? "" : "-\(index)").log"
            children.append(try ChildProcess(executables.server(database, port), logPath: log))
            let deadline = Stopwatch.now() + 60
            while !LoopbackPort.accepts(port) {
                guard Stopwatch.now() < deadline else { throw BenchError("the server did not start: see \(log)") }
                usleep(20_000)
            }
        }
    }

    /// Stops the server processes; returns the highest peak RSS among them, in MB.
    @discardableResult
    func stop() -> Double {
        guard !children.isEmpty else { return .nan }
        let peaks = children.compactMap { PeakMemory.ofProcess($0.pid) }
        for child in children {
            child.terminate()
            _ = child.wait()
        }
        children = []
        return peaks.max() ?? .nan
    }

    /// A new replica of `site` at `<directory>/<name>.sqlite`, set up to sync with server process
    /// `process` (the first by default).
    func makeReplica(_ name: String, site: String, process: Int = 0) throws -> Replica {
        let path = "\(directory)/\(name).sqlite"
        let replica = try Replica.create(path: path, site: site)
        try SyncSettings(serverURL: url(process: process), tokenFile: tokenFile(site)).save(to: replica)
        return replica
    }

    deinit { if !children.isEmpty { stop() } }
}
