import Foundation

/// The outcome of running a command.
public struct CommandResult {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Standard error without trailing blank lines, split in lines.
    public var errorLines: [Substring] { stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n") }
}

/// Runs `executable` with `arguments` to completion (standard input from /dev/null).
@discardableResult
public func runCommand(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let process = try SpawnedProcess(
        executable, arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
    // Read both pipes concurrently so neither fills up and blocks the child.
    let errData = LockedBuffer()
    let errHandle = process.standardError
    let reader = Thread { errData.append(errHandle.readDataToEndOfFile()) }
    reader.start()
    let outData = process.standardOutput.readDataToEndOfFile()
    let status = process.wait()
    while !errData.isClosed { usleep(1_000) }
    return CommandResult(status: status, stdout: String(decoding: outData, as: UTF8.self), stderr: errData.text)
}

/// Bytes appended from another thread; `text` reads them.
public final class LockedBuffer: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var data = Data()
    private var closed = false

    public func append(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        closed = true
        lock.unlock()
    }

    public func add(_ chunk: Data) {
        lock.lock()
        data.append(chunk)
        lock.unlock()
    }

    public var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed
    }

    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A fresh temporary directory, removed by `remove()`.
public struct TemporaryDirectory {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fl-rel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}

public struct HarnessFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    /// A failure saying `message`.
    public init(message: String) { self.message = message }
}

/// How many trials a randomized fault test runs: `FARELEGAMI_FAULT_TRIALS` overrides `default`
/// (the full run: `FARELEGAMI_FAULT_TRIALS=200`).
public func faultTrials(default count: Int) -> Int {
    guard let text = ProcessInfo.processInfo.environment["FARELEGAMI_FAULT_TRIALS"], let value = Int(text), value > 0
    else { return count }
    return value
}

/// The seed of randomized fault tests: `FARELEGAMI_SEED` replays one, else a fixed default.
public func faultSeed(default seed: UInt64) -> UInt64 {
    ProcessInfo.processInfo.environment["FARELEGAMI_SEED"].flatMap(UInt64.init) ?? seed
}
