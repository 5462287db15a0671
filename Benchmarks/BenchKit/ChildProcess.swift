import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with posix_spawn, so that waiting for it with wait4 returns its peak RSS.
final class ChildProcess {
    let pid: pid_t
    let command: [String]

    /// Starts `command` (its output goes to `logPath`).
    init(_ command: [String], logPath: String) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        guard code == 0 else { throw BenchError("cannot start \(command[0]): errno \(code)") }
        self.pid = pid
        self.command = command
    }

    /// Waits for the process to exit; returns its exit status and peak RSS in MB.
    ///
    /// The peak is the child's own VmHWM, sampled every 5 ms until it exits: wait4's ru_maxrss is
    /// no use after posix_spawn, as it includes the parent's RSS at the time of the spawn.
    func wait() -> (status: Int32, peakMB: Double) {
        var status: Int32 = 0
        var peak = 0.0
        while true {
            if let sample = PeakMemory.ofProcess(pid) { peak = max(peak, sample) }
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped == -1 && errno != EINTR { break }
            usleep(5_000)
        }
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exit, peak)
    }

    /// Sends SIGTERM.
    func terminate() { kill(pid, SIGTERM) }

    /// Runs `command` to completion: seconds, exit status, peak RSS in MB.
    static func run(_ command: [String], logPath: String) throws -> (seconds: Double, status: Int32, peakMB: Double) {
        let start = Stopwatch.now()
        let child = try ChildProcess(command, logPath: logPath)
        let (status, peak) = child.wait()
        return (Stopwatch.now() - start, status, peak)
    }
}

/// A free loopback TCP port, and waiting for a server to accept connections on one.
enum LoopbackPort {
    static func free() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw BenchError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
