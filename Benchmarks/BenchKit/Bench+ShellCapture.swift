import Foundation
import ReplicaStore
import SQLiteDatabase

extension Bench {
    /// Household rows written by one `INSERT … SELECT` through the sqlite3 shell, as an office's
    /// script would: into a replica (capture triggers on) and into the same table in a plain file.
    /// Each run is the whole shell process, best of two rounds on fresh files. The source is a
    /// keyless table of another shape (an extra column), so SQLite's transfer optimisation, which
    /// copies b-trees wholesale between tables of one shape, cannot apply.
    func shellCapture(into report: inout BenchReport) throws {
        guard let shell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: FileManager.default.isExecutableFile)
        else {
            log("no sqlite3 shell on this machine: the shell capture figures are not measured")
            return
        }
        let rows = min(parameters.rows, 200_000)
        let columns = ["id"] + Workload.spec("household").columnNames
        let source = directory + "/shell-source.sqlite"
        try makeShellSource(source, rows: rows, columns: columns)
        defer { removeDatabase(source) }
        let list = columns.joined(separator: ", ")
        let script = "PRAGMA synchronous = NORMAL; ATTACH '\(source)' AS source; BEGIN; "
            + "INSERT INTO household (\(list)) SELECT \(list) FROM source.rows; COMMIT;"
        var plain = Double.infinity, captured = Double.infinity
        for round in 1...2 {
            let replicaPath = directory + "/shell-replica-\(round).sqlite"
            let replica = try Replica.create(path: replicaPath, site: "crema")
            let create = try replica.connection.query("SELECT sql FROM sqlite_master WHERE name = 'household'")[0][0].text ?? ""
            let plainPath = directory + "/shell-plain-\(round).sqlite"
            let plainFile = try Connection(path: plainPath, create: true)
            try plainFile.execute("PRAGMA journal_mode = WAL; \(create)")
            for path in [plainPath, replicaPath] {
                let run = try ChildProcess.run([shell, path, script], logPath: "\(directory)/shell-\(round).log")
                guard run.status == 0 else { throw BenchError("the sqlite3 shell failed on \(path): see \(directory)/shell-\(round).log") }
                if path == plainPath { plain = min(plain, run.seconds) } else { captured = min(captured, run.seconds) }
            }
            let logged = try replica.connection.query("SELECT count(*) FROM _fl_log")[0][0].integer ?? 0
            guard logged == Int64(rows) else { throw BenchError("the shell insert logged \(logged) writes, expected \(rows)") }
            removeDatabase(plainPath)
            removeDatabase(replicaPath)
        }
        report.add("shell_plain_rows_per_s", "sqlite3 shell INSERT … SELECT, plain table (\(rows) rows)", Double(rows) / plain, "rows/s")
        report.add("shell_capture_rows_per_s", "sqlite3 shell INSERT … SELECT, replica", Double(rows) / captured, "rows/s")
        report.add("capture_shell_ratio", "sqlite3 shell INSERT … SELECT: replica time / plain time", captured / plain, "x")
    }

    /// A keyless table `rows` of household rows (`columns`, plus one more) in a file of its own,
    /// with random ids (version 4 UUIDs, as a replica's DEFAULT makes them), so the inserts land at
    /// random keys as an office's do.
    private func makeShellSource(_ path: String, rows: Int, columns: [String]) throws {
        removeDatabase(path)
        let file = try Connection(path: path, create: true)
        try file.execute("CREATE TABLE rows (\(columns.joined(separator: ", ")), extra INTEGER)")
        let workload = Workload(site: "crema", seed: 4, randomIDs: parameters.randomIDs)
        let insert = try file.prepare(
            "INSERT INTO rows VALUES (\((1...columns.count + 1).map { "?\($0)" }.joined(separator: ", ")))")
        try file.transaction {
            // Household rows are every third row of the workload.
            for index in 0..<rows {
                var values = workload.values(index * 3 + 2)
                values[0] = .text(UUID().uuidString.lowercased())
                try insert.bind(values + [.integer(0)]).run()
            }
        }
    }
}
