import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, its standard output and error on pipes, waited for
/// with `waitpid` on its own pid.
///
/// Not Foundation's `Process`: on Linux its `waitUntilExit()` sometimes never returns although the
/// child has exited and been reaped (seen in CI and locally: a test blocked for good in
/// `runCommand` with no child left), which stalls the whole test run. Waiting on the pid cannot
/// miss the exit. The pipes are created close-on-exec, so a process another test spawns at the same
/// moment never holds them open.
public final class SpawnedProcess {
    /// The child's pid.
    public let pid: pid_t
    /// The reading ends of the child's standard output and standard error.
    public let standardOutput: FileHandle
    public let standardError: FileHandle
    private let lock = NSLock()
    private var status: Int32?
    private var signaled = false

    /// Starts `executable` with `arguments` and `environment` (the whole environment), standard
    /// input from /dev/null. With `outputTo` or `errorsTo`, standard output or error is appended
    /// to that file (/dev/null: dropped) and `standardOutput` or `standardError` reads nothing.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        outputTo: String? = nil, errorsTo: String? = nil
    ) throws {
        let out = try Self.pipe()
        let err: (read: Int32, write: Int32)
        do {
            err = try Self.pipe()
        } catch {
            close(out.read)
            close(out.write)
            throw error
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let outputTo {
            posix_spawn_file_actions_addopen(&actions, 1, outputTo, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, out.write, 1)
        }
        if let errorsTo {
            posix_spawn_file_actions_addopen(&actions, 2, errorsTo, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, err.write, 2)
        }
        // Descriptors other code left inheritable (Foundation's Process makes its socket pairs
        // without close-on-exec) must not reach the child: a server holding another test's pipe
        // open would keep that test waiting for its end.
        Self.closeFrom?(&actions, 3)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, nil, argv, envp)
        close(out.write)
        close(err.write)
        guard code == 0 else {
            close(out.read)
            close(err.read)
            throw HarnessFailure(message: "could not start \(executable): \(String(cString: strerror(code)))")
        }
        pid = child
        standardOutput = FileHandle(fileDescriptor: out.read, closeOnDealloc: true)
        standardError = FileHandle(fileDescriptor: err.read, closeOnDealloc: true)
    }

    /// Waits for the child to exit; its exit code, or 128 + the signal that ended it. One thread
    /// waits at a time.
    @discardableResult
    public func wait() -> Int32 {
        if let known = recorded { return known }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) == -1 {
            if errno == EINTR { continue }
            return recorded ?? -1  // reaped by `isRunning` on another thread
        }
        return record(raw)
    }

    /// Whether the child has not exited yet (reaps it if it has).
    public var isRunning: Bool {
        if recorded != nil { return false }
        var raw: Int32 = 0
        guard waitpid(pid, &raw, WNOHANG) == pid else { return recorded == nil }
        record(raw)
        return false
    }

    /// Whether the child was ended by a signal (known once it was waited for).
    public var endedBySignal: Bool {
        lock.lock()
        defer { lock.unlock() }
        return signaled
    }

    /// Sends `signal` to the child unless it was already waited for (its pid may be reused).
    public func send(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if status == nil { kill(pid, signal) }
    }

    private var recorded: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return status
    }

    @discardableResult
    private func record(_ raw: Int32) -> Int32 {
        let code = (raw & 0x7f) == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
        lock.lock()
        status = code
        signaled = (raw & 0x7f) != 0
        lock.unlock()
        return code
    }

    /// glibc's `pipe2`, which Swift's Glibc module leaves out (it is declared only with _GNU_SOURCE):
    /// creating both ends close-on-exec at once leaves no moment when a concurrent spawn inherits them.
    private static let pipe2: @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32 = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else { fatalError("glibc has no pipe2") }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    }()

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later, declared only with
    /// _GNU_SOURCE); nil on an older glibc, where children inherit what is not close-on-exec.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(
            symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard Self.pipe2(&fds, O_CLOEXEC) == 0 else {
            throw HarnessFailure(message: "could not create a pipe: \(String(cString: strerror(errno)))")
        }
        return (fds[0], fds[1])
    }
}
