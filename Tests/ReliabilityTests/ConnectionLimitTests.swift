import Foundation
import ProcessHarness
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Idle, slow and too many connections against the real server on loopback, with short limits:
/// each is closed, and the server keeps answering everyone else.
@Suite(.serialized) struct ConnectionLimitTests {
    @Test func idleSlowAndExcessConnectionsAreClosedAndTheServerStaysReachable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try ServerProcess(directory: directory, sites: ["hq"])
        server.serveOptions = [
            "--header-timeout", "1", "--body-timeout", "1", "--max-connections-per-address", "10", "--max-connections", "60",
        ]
        try server.start()
        defer { server.stop() }

        let idle = try (0..<10).map { _ in try RawSocket(to: server.port, from: "127.0.0.3") }
        let excess = try RawSocket(to: server.port, from: "127.0.0.3")
        #expect(excess.isClosedByServer(within: 0.5), "an 11th connection from one address is closed at once")
        let started = Date()
        let slow = try RawSocket(to: server.port, from: "127.0.0.4")
        try slow.send("GET /health HTTP/1.1\r\nHo")
        let body = try RawSocket(to: server.port, from: "127.0.0.5")
        try body.send("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nabc")
        #expect(try healthAnswers(server), "the server answers while ten idle connections are held")
        var slowClosed = false
        for _ in 0..<15 where !slowClosed {
            try? slow.send("s")  // one header byte every 200 ms: never a whole head
            slowClosed = slow.isClosedByServer(within: 0.2)
        }
        #expect(slowClosed, "a head sent byte by byte is cut at the header timeout")
        #expect(body.isClosedByServer(within: 2), "a body that never finishes is cut")
        for socket in idle { #expect(socket.isClosedByServer(within: 2), "an idle connection is closed") }
        #expect(Date().timeIntervalSince(started) < 4)
        let again = try RawSocket(to: server.port, from: "127.0.0.3")
        #expect(!again.isClosedByServer(within: 0.3), "their slots are free again")
        #expect(try healthAnswers(server))
    }

    @Test(arguments: [1 << 20, 4 << 20])
    func aHugeRequestLineGets400AndTheConnectionIsClosed(bytes: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try ServerProcess(directory: directory, sites: ["hq"])
        try server.start()
        defer { server.stop() }
        let socket = try RawSocket(to: server.port, from: "127.0.0.6")

        try? socket.send("GET /" + String(repeating: "a", count: bytes) + " HTTP/1.1\r\nHost: x\r\n\r\n")

        let answer = socket.read(within: 5)
        #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer.prefix(80))")
        #expect(socket.isClosedByServer(within: 2))
        #expect(try healthAnswers(server))
    }

    private func healthAnswers(_ server: ServerProcess) throws -> Bool {
        let result = try runCommand("/usr/bin/curl", ["-s", "-m", "3", "-o", "/dev/null", "-w", "%{http_code}", server.url + "/health"])
        return result.stdout == "200"
    }
}

/// A plain TCP connection to the server from a chosen loopback address.
final class RawSocket {
    private let descriptor: Int32

    init(to port: Int, from source: String) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw HarnessFailure(message: "no socket") }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, source, &local.sin_addr)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, connected == 0 else {
            close(descriptor)
            throw HarnessFailure(message: "cannot connect from \(source) to port \(port): errno \(errno)")
        }
    }

    deinit { close(descriptor) }

    /// Sends `text`; throws when the connection is gone.
    func send(_ text: String) throws {
        let sent = text.utf8CString.withUnsafeBufferPointer { Glibc.send(descriptor, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
        guard sent >= 0 else { throw HarnessFailure(message: "send failed: errno \(errno)") }
    }

    /// What the server sends within `seconds` (up to 4 KiB), as text.
    func read(within seconds: Double) -> String {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1_000)) > 0 else { return "" }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
    }

    /// Whether the server closes the connection within `seconds` (any answer bytes are read past).
    func isClosedByServer(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while Date() < deadline {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1_000)))
            guard ready > 0 else { continue }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) { return true }
        }
        return false
    }
}
