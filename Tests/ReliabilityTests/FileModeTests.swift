import Foundation
import ProcessHarness
import Testing

/// The files that hold personal data are private to their owner whatever the umask: the server
/// store, a replica (it holds real names) with its WAL, and the replica's lock.
struct FileModeTests {
    @Test func storeReplicaAndLockAreCreatedOwnerOnlyEvenUnderAnOpenUmask() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = directory.path("central.sqlite")
        let replica = directory.path("crema.sqlite")
        let token = directory.path("crema.token")
        try "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".write(
            toFile: token, atomically: true, encoding: .utf8)
        let script = """
            umask 000
            "$0" init --db "$2" >/dev/null || exit 1
            "$1" init --db "$3" --site crema --server http://127.0.0.1:9 --token-file "$4" >/dev/null || exit 2
            "$1" sync --db "$3" >/dev/null 2>&1
            exit 0
            """
        let result = try runCommand("/bin/bash", ["-c", script, Binaries.server, Binaries.client, store, replica, token])
        #expect(result.status == 0, "\(result.stderr)")

        for path in [store, replica, replica + ".lock"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            #expect(mode == 0o600, "\(path) has mode \(String(mode, radix: 8))")
        }
    }
}
