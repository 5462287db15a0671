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

/// A merge server store in the benchmark directory, served by a separate process (so its peak
/// RSS is its own), always on the same loopback port.
final class BenchServer {
    /// The store: a SQLite file's path or a PostgreSQL address.
    let database: String
    let directory: String
    let name: String
    let port: Int
    private let executables: Executables
    private var child: ChildProcess?

    var url: String { "http://127.0.0.1:\(port)" }

    /// Creates the store (a SQLite file, or a new database on the PostgreSQL server `postgres`) and a
    /// token file per site (`<directory>/<name>.<site>.token`).
    init(directory: String, name: String, sites: [String], postgres: String? = nil, executables: Executables) async throws {
        self.directory = directory
        self.name = name
        self.executables = executables
        self.port = try LoopbackPort.free()
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

    /// Starts the server process and waits until it accepts connections.
    func start() throws {
        let child = try ChildProcess(executables.server(database, port), logPath: "\(directory)/\(name).log")
        self.child = child
        let deadline = Stopwatch.now() + 60
        while !LoopbackPort.accepts(port) {
            guard Stopwatch.now() < deadline else { throw BenchError("the server did not start: see \(directory)/\(name).log") }
            usleep(20_000)
        }
    }

    /// Stops the server; returns its peak RSS in MB.
    @discardableResult
    func stop() -> Double {
        guard let child else { return .nan }
        let peak = PeakMemory.ofProcess(child.pid) ?? .nan
        child.terminate()
        _ = child.wait()
        self.child = nil
        return peak
    }

    /// A new replica of `site` at `<directory>/<name>.sqlite`, set up to sync with this server.
    func makeReplica(_ name: String, site: String) throws -> Replica {
        let path = "\(directory)/\(name).sqlite"
        let replica = try Replica.create(path: path, site: site)
        try SyncSettings(serverURL: url, tokenFile: tokenFile(site)).save(to: replica)
        return replica
    }

    deinit { if child != nil { stop() } }
}
