import Foundation
import ReplicaStore
import SiteClient
import SQLiteDatabase

extension Bench {
    /// No-op and 100-row syncs (in process and as a whole process), then 1, 3, 10 and 50 clients
    /// syncing at once: all against one server process on SQLite, spread over three on PostgreSQL.
    func smallSyncs(into report: inout BenchReport) async throws {
        let counts = parameters.clientCounts
        let sites = ["crema"] + (1...(counts.max() ?? 1)).map { "c\($0)" }
        let server = try await BenchServer(directory: directory, name: "server-small", sites: sites, postgres: parameters.postgres,
            processes: 3, executables: executables)
        try server.start()
        defer { server.stop() }

        let replica = try server.makeReplica("small", site: "crema")
        let workload = Workload(site: "crema", seed: 4, randomIDs: parameters.randomIDs)
        try replica.connection.transaction { try replica.connection.insertRows(workload, 0..<100) }
        let session = try SyncSession(replica: replica)
        _ = try session.run()

        var noop: [Double] = []
        for _ in 0..<parameters.smallSyncs {
            noop.append(try Stopwatch.seconds { _ = try session.run() } * 1000)
        }
        var hundred: [Double] = []
        var next = 100
        for _ in 0..<parameters.smallSyncs {
            try replica.connection.transaction { try replica.connection.insertRows(workload, next..<next + 100) }
            next += 100
            var summary = SyncSummary()
            hundred.append(try Stopwatch.seconds { summary = try session.run() } * 1000)
            guard summary.pushed == 100 else { throw BenchError("a 100-row sync pushed \(summary.pushed) rows") }
        }
        var process: [Double] = []
        for _ in 0..<parameters.processSyncs {
            let run = try ChildProcess.run(executables.sync(replica.path), logPath: "\(directory)/sync-small.log")
            guard run.status == 0 else { throw BenchError("sync process failed: see \(directory)/sync-small.log") }
            process.append(run.seconds * 1000)
        }
        report.add("noop_sync_p50_ms", "no-op sync p50 (in process)", Percentile.of(noop, 50), "ms")
        report.add("noop_sync_p99_ms", "no-op sync p99 (in process)", Percentile.of(noop, 99), "ms")
        report.add("noop_process_sync_p50_ms", "no-op sync p50 (whole sync process)", Percentile.of(process, 50), "ms")
        report.add("noop_process_sync_p99_ms", "no-op sync p99 (whole sync process)", Percentile.of(process, 99), "ms")
        report.add("row100_sync_p50_ms", "100-row sync p50 (in process)", Percentile.of(hundred, 50), "ms")
        report.add("row100_sync_p99_ms", "100-row sync p99 (in process)", Percentile.of(hundred, 99), "ms")

        let over = server.processes > 1 ? " (over \(server.processes) server processes)" : ""
        for clients in [1] + counts {
            let result = try concurrentSyncs(clients: clients, server: server)
            report.add(
                "clients_\(clients)_rows_per_s", "\(clients) concurrent clients\(over): aggregate push", result.rowsPerSecond, "rows/s")
            report.add("clients_\(clients)_p99_ms", "\(clients) concurrent clients: sync p99", result.p99, "ms")
            report.add("clients_\(clients)_errors", "\(clients) concurrent clients: errors", Double(result.errors), "")
        }
    }

    struct ConcurrencyResult {
        var rowsPerSecond: Double
        var p99: Double
        var errors: Int
    }

    /// `clients` replicas (each of its own site, so no one pulls another's household rows) each
    /// push `rowsPerClient` new rows, all syncing at once on their own threads, spread evenly over the
    /// server processes.
    func concurrentSyncs(clients: Int, server: BenchServer) throws -> ConcurrencyResult {
        let perClient = parameters.rowsPerClient
        var paths: [String] = []
        for client in 1...clients {
            let site = "c\(client)"
            let replica = try server.makeReplica("clients-\(clients)-\(client)", site: site, process: client)
            _ = try SyncSession(replica: replica).run()
            let workload = Workload(site: site, seed: UInt64(1_000 * clients + client), randomIDs: parameters.randomIDs)
            try replica.connection.transaction {
                try replica.connection.insertRows(workload, stride(from: 2, to: 3 * perClient, by: 3))
            }
            paths.append(replica.path)
        }
        let results = Results()
        let group = DispatchGroup()
        let start = Stopwatch.now()
        for path in paths {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let began = Stopwatch.now()
                do {
                    let replica = try Replica(path: path)
                    let summary = try SyncSession(replica: replica).run()
                    results.add(latency: (Stopwatch.now() - began) * 1000, failed: summary.pushed != perClient)
                } catch {
                    results.add(latency: (Stopwatch.now() - began) * 1000, failed: true)
                }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        group.wait()
        let wall = Stopwatch.now() - start
        let (latencies, errors) = results.snapshot()
        return ConcurrencyResult(
            rowsPerSecond: Double(clients * perClient) / wall, p99: Percentile.of(latencies, 99), errors: errors)
    }
}

/// Latencies and failures collected from client threads.
final class Results: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var latencies: [Double] = []
    private var errors = 0

    func add(latency: Double, failed: Bool) {
        lock.lock()
        defer { lock.unlock() }
        latencies.append(latency)
        if failed { errors += 1 }
    }

    func snapshot() -> ([Double], Int) {
        lock.lock()
        defer { lock.unlock() }
        return (latencies, errors)
    }
}

extension Connection {
    /// Inserts the rows at `indexes` of `workload` (no transaction of its own).
    func insertRows(_ workload: Workload, _ indexes: StrideTo<Int>) throws {
        let statements = try Workload.tables.map { try prepare(Workload.insertSQL($0)) }
        for index in indexes {
            try statements[index % 3].bind(workload.values(index)).run()
        }
    }
}
