import Foundation

/// The outcome of running a command.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Standard error without trailing blank lines, split in lines.
    var errorLines: [Substring] { stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n") }
}

/// Runs `executable` with `arguments` to completion.
@discardableResult
func runCommand(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes concurrently so neither fills up and blocks the child.
    let errData = LockedBuffer()
    let errHandle = err.fileHandleForReading
    let reader = Thread { errData.append(errHandle.readDataToEndOfFile()) }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errData.isClosed { usleep(1_000) }
    return CommandResult(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: errData.text)
}

/// Bytes appended from another thread; `text` reads them.
final class LockedBuffer: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var data = Data()
    private var closed = false

    func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        closed = true
        lock.unlock()
    }

    func add(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fl-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

struct HarnessFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// How many trials a randomized fault test runs: `FARELEGAMI_FAULT_TRIALS` overrides `default`
/// (the full run: `FARELEGAMI_FAULT_TRIALS=200`).
func faultTrials(default count: Int) -> Int {
    guard let text = ProcessInfo.processInfo.environment["FARELEGAMI_FAULT_TRIALS"], let value = Int(text), value > 0
    else { return count }
    return value
}

/// The seed of randomized fault tests: `FARELEGAMI_SEED` replays one, else a fixed default.
func faultSeed(default seed: UInt64) -> UInt64 {
    ProcessInfo.processInfo.environment["FARELEGAMI_SEED"].flatMap(UInt64.init) ?? seed
}
