import Foundation
import SiteClient
import Testing

@Suite struct ReplicaLockTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID().uuidString).sqlite").path
    }

    @Test func aSecondLockOnTheSameReplicaIsRefusedNamingTheHolder() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path + ".lock") }
        let first = try ReplicaLock(databasePath: path)
        do {
            _ = try ReplicaLock(databasePath: path)
            Issue.record("a second lock was granted")
        } catch {
            #expect("\(error)".contains("pid \(getpid())"))
            #expect("\(error)".contains(path))
        }
        withExtendedLifetime(first) {}
    }

    @Test func aReleasedLockCanBeTakenAgain() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path + ".lock") }
        do { _ = try ReplicaLock(databasePath: path) }
        _ = try ReplicaLock(databasePath: path)
    }

    @Test func aLockLeftByAKilledProcessIsRecovered() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path + ".lock") }
        // Another process takes the lock the same way (flock on <db>.lock), then is killed with -9.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = [
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'w'); fcntl.flock(f, fcntl.LOCK_EX); "
                + "print('locked', flush=True); time.sleep(600)",
            path + ".lock",
        ]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        _ = output.fileHandleForReading.availableData  // "locked"
        #expect(throws: SyncError.self) { try ReplicaLock(databasePath: path) }
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(throws: Never.self) { _ = try ReplicaLock(databasePath: path) }
    }
}
