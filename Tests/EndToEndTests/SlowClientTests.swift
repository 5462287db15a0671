import Foundation
import ProcessHarness
import Testing

/// A client that opens connections and then stalls must not stop other offices from syncing.
@Suite(.serialized) struct SlowClientTests {
    @Test func stalledConnectionsDoNotBlockOtherSyncs() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona"])
        defer { fixture.close() }
        let (server, crema, cremona) = (fixture.server, fixture["crema"], fixture["cremona"])

        // Twenty authenticated connections that send half a push (headers and 10 bytes of a 1 MB
        // body), then stall.
        let token = try String(contentsOfFile: fixture.directory.path("crema.token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let staller = Process()
        staller.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        staller.arguments = [
            "-c",
            """
            import socket, sys, time
            conns = []
            for _ in range(20):
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
                s.sendall(b"POST /v1/push HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: Bearer " + sys.argv[2].encode() + b"\\r\\n"
                          b"Content-Type: application/json\\r\\nContent-Length: 1000000\\r\\n\\r\\n{\\"rows\\": [")
                conns.append(s)
            print("stalling", flush=True)
            time.sleep(600)
            """,
            String(server.port), token,
        ]
        let output = Pipe()
        staller.standardOutput = output
        try staller.run()
        defer {
            // SIGKILL: children spawned by Foundation's Process inherit the test thread's blocked
            // signal mask on Linux, so SIGTERM would wait out the staller's sleep.
            kill(staller.processIdentifier, SIGKILL)
            staller.waitUntilExit()
        }
        _ = output.fileHandleForReading.availableData  // "stalling": every connection is open and stuck

        try crema.write("INSERT INTO partner (id, name, role) VALUES ('p-busy', 'CISVOL', 'partner')")
        try crema.syncOrThrow()
        try cremona.syncOrThrow()
        #expect(try cremona.rows("partner", where: "id = 'p-busy'").count == 1)
    }
}
