import Foundation

/// The real merge server, run as a process on a loopback port; its whole log (standard error) is kept
/// for checks. Stopped by `stop()` (SIGTERM) or `kill()` (SIGKILL).
public final class ServerProcess {
    /// The SQLite store file (unused when `storeArguments` name a PostgreSQL store).
    public let database: String
    /// How every command names the store: `--db FILE` or `--store ADDRESS`.
    public let storeArguments: [String]
    public let directory: TemporaryDirectory
    public private(set) var port: Int = 0
    public private(set) var scheme = "http"
    private var process: SpawnedProcess?
    /// Everything every run of the server wrote to standard error.
    public let log = LockedBuffer()
    /// `--tls-cert` and `--tls-key` when serving HTTPS.
    public var tls: (certificate: String, key: String)?
    /// More `serve` options (timeouts, limits).
    public var serveOptions: [String] = []

    public var url: String { "\(scheme)://127.0.0.1:\(port)" }
    public var pid: Int32? { process?.pid }

    /// Creates the store and registers `sites` (hq central), writing each token to `<dir>/<site>.token`.
    public init(directory: TemporaryDirectory, sites: [String]) throws {
        self.directory = directory
        database = directory.path("central.sqlite")
        storeArguments = ["--db", database]
        try Self.check(runCommand(Binaries.server, ["init"] + storeArguments))
        for site in sites { try addSite(site) }
    }

    /// A server process on the store at `address` (a PostgreSQL database several processes share),
    /// creating it (harmless when another process's `init` did) and registering `sites`.
    public init(directory: TemporaryDirectory, store address: String, sites: [String]) throws {
        self.directory = directory
        database = directory.path("central.sqlite")
        storeArguments = ["--store", address]
        try Self.check(runCommand(Binaries.server, ["init"] + storeArguments))
        for site in sites { try addSite(site) }
    }

    /// Registers `site` (or issues it another token) and writes the token to `<dir>/<site>.token`.
    @discardableResult
    public func addSite(_ site: String) throws -> String {
        var arguments = ["site", "add", site] + storeArguments
        if site == "hq" { arguments.append("--central") }
        let result = try runCommand(Binaries.server, arguments)
        try Self.check(result)
        let token = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try token.write(toFile: directory.path("\(site).token"), atomically: true, encoding: .utf8)
        return token
    }

    /// The token of `site` as written by `addSite`.
    public func token(_ site: String) throws -> String {
        try String(contentsOfFile: directory.path("\(site).token"), encoding: .utf8)
    }

    /// Runs a `farelegami-server` command on this store.
    public func command(_ arguments: [String]) throws -> CommandResult {
        try runCommand(Binaries.server, arguments + storeArguments)
    }

    /// Starts serving on `port` (0: a free one) and waits for the "listening on" line.
    public func start(port requested: Int = 0, environment: [String: String] = [:]) throws {
        var arguments = ["serve"] + storeArguments + ["--host", "127.0.0.1", "--port", String(requested)]
        if let tls { arguments += ["--tls-cert", tls.certificate, "--tls-key", tls.key] }
        let process = try SpawnedProcess(
            Binaries.server, arguments + serveOptions,
            environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        self.process = process
        var seen = ""
        let handle = process.standardError
        while true {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw HarnessFailure(message: "the server did not start: \(seen)") }
            log.add(chunk)
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"listening on https?://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                let line = seen[range]
                scheme = line.contains("https://") ? "https" : "http"
                port = Int(line.split(separator: ":").last!)!
                break
            }
        }
        // Keep draining the log (into `log`) so the server never blocks on a full pipe. A thread per
        // pipe reads until the server closes it: Foundation's `readabilityHandler` watches the pipe
        // with a dispatch source, and libdispatch crashed (SIGSEGV in _dispatch_event_loop_drain)
        // when such a pipe was closed while still watched.
        let log = self.log
        for drained in [handle, process.standardOutput] {
            Thread {
                while case let data = drained.availableData, !data.isEmpty { log.add(data) }
            }.start()
        }
    }

    /// Stops the server with SIGTERM and waits for it to exit.
    public func stop() {
        guard let process, process.isRunning else { return }
        process.send(SIGTERM)
        process.wait()
        self.process = nil
    }

    /// Kills the server with SIGKILL (no graceful shutdown) and waits for it to exit.
    public func kill() {
        guard let process, process.isRunning else { return }
        process.send(SIGKILL)
        process.wait()
        self.process = nil
    }

    deinit { stop() }

    private static func check(_ result: CommandResult) throws {
        guard result.status == 0 else { throw HarnessFailure(message: "farelegami-server failed: \(result.stderr)") }
    }
}
