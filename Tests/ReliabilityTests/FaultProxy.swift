import Foundation
import ProcessHarness

/// `Tests/Faults/faultproxy.py` between the clients and the server: a loopback HTTP proxy that breaks
/// requests as its control file says (see the script's documentation for the faults).
final class FaultProxy {
    private let process: SpawnedProcess
    let port: Int
    let controlFile: String
    let logFile: String

    var url: String { "http://127.0.0.1:\(port)" }

    /// The script, found from this source file's place in the repository.
    static let script: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Faults/faultproxy.py").path

    /// Starts a proxy in front of `upstreamPort`, letting everything pass.
    init(upstreamPort: Int, directory: TemporaryDirectory, name: String = "proxy") throws {
        controlFile = directory.path("\(name)-plan.json")
        logFile = directory.path("\(name).log")
        try "{}".write(toFile: controlFile, atomically: true, encoding: .utf8)
        process = try SpawnedProcess(
            "/usr/bin/env",
            ["python3", Self.script, "--upstream", "127.0.0.1:\(upstreamPort)", "--control", controlFile, "--log", logFile],
            environment: ProcessInfo.processInfo.environment, errorsTo: "/dev/null")
        var seen = ""
        while !seen.contains("\n") {
            let chunk = process.standardOutput.availableData
            guard !chunk.isEmpty else { throw HarnessFailure(message: "the fault proxy did not start: \(seen)") }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        guard let number = seen.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else { throw HarnessFailure(message: "the fault proxy said: \(seen)") }
        port = number
    }

    /// Lets `after` requests under `path` pass, then breaks `times` of them with `fault` (nil: all).
    func inject(_ fault: String, path: String = "/v1/", after: Int = 0, times: Int? = 1, extra: [String: Any] = [:]) throws {
        var rule: [String: Any] = ["fault": fault, "path": path, "after": after]
        if let times { rule["times"] = times }
        rule.merge(extra) { $1 }
        try plan(["rules": [rule]])
    }

    /// Breaks each `/v1` request with `probability`, choosing among `faults` (seeded).
    func randomFaults(_ faults: [String], probability: Double, seed: UInt64) throws {
        try plan(["random": ["faults": faults, "probability": probability, "paths": ["/v1/"]], "seed": seed])
    }

    /// Lets everything through again.
    func heal() throws { try plan([:]) }

    /// The faults actually applied so far (one per logged request that was not `pass`).
    var appliedFaults: [String] {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.split(separator: " ")[1] }.map(String.init).filter { $0 != "pass" }
    }

    private func plan(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object)
        try data.write(to: URL(fileURLWithPath: controlFile), options: .atomic)
    }

    /// Stops the proxy with SIGKILL (it holds no state worth a graceful stop) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.send(SIGKILL)
        process.wait()
    }

    deinit { stop() }
}
