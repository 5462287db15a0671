import Foundation
import ProcessHarness
import Testing

/// `farelegami sync` takes the replica's sync lock before it opens the file (so a sync that holds
/// it is named even mid-write), and leaves no lock file beside a path that is no replica.
@Suite struct ReplicaLockCLITests {
    @Test func aPathThatIsNoReplicaIsRefusedInOneLineAndKeepsNoLockFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fl-lock-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let notes = directory + "/notes.txt"
        try Data("shopping list\n".utf8).write(to: URL(fileURLWithPath: notes))
        for path in [notes, directory + "/missing.sqlite"] {
            let result = try runCommand(Binaries.client, ["sync", "--db", path])
            #expect(result.status != 0)
            #expect(result.errorLines.count == 1, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path + ".lock"), "a lock file was left beside \(path)")
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "shopping list\n", "the file is left as it was")
    }
}
