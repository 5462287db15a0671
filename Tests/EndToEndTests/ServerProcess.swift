import Foundation

/// The real merge server, run as a process on a loopback port; stopped by `stop()`.
final class ServerProcess {
    let database: String
    private(set) var port: Int = 0
    private var process: Process?

    var url: String { "http://127.0.0.1:\(port)" }

    /// Creates the store and registers `sites` (hq central), writing each token to `<dir>/<site>.token`.
    init(directory: TemporaryDirectory, sites: [String]) throws {
        database = directory.path("central.sqlite")
        try Self.check(runCommand(Binaries.server, ["init", "--db", database]))
        for site in sites {
            var arguments = ["site", "add", site, "--db", database]
            if site == "hq" { arguments.append("--central") }
            let result = try runCommand(Binaries.server, arguments)
            try Self.check(result)
            try result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                .write(toFile: directory.path("\(site).token"), atomically: true, encoding: .utf8)
        }
    }

    /// Starts serving on `port` (0: a free one) and waits for the "listening on" line.
    func start(port requested: Int = 0) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.server)
        process.arguments = ["serve", "--db", database, "--host", "127.0.0.1", "--port", String(requested)]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        var seen = ""
        let handle = err.fileHandleForReading
        while true {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw ServerStartFailure(log: seen) }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(seen[range].split(separator: ":").last!)!
                break
            }
        }
        // Keep draining the log so the server never blocks on a full pipe.
        handle.readabilityHandler = { $0.availableData.isEmpty ? ($0.readabilityHandler = nil) : () }
    }

    /// Stops the server with SIGTERM and waits for it to exit.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    deinit { stop() }

    private static func check(_ result: CommandResult) throws {
        guard result.status == 0 else { throw ServerStartFailure(log: result.stderr) }
    }
}

struct ServerStartFailure: Error, CustomStringConvertible {
    let log: String
    var description: String { "the server did not start: \(log)" }
}
