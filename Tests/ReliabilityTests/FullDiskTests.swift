import Foundation
import ProcessHarness
import Testing

/// A replica on a disk with no space left at all: every command says so in words, and nothing is
/// damaged. The disk is a small RAM file system mounted for the test (which needs root, as CI runs).
@Suite(.serialized, .enabled(if: getuid() == 0, "mounting a small file system needs root"))
struct FullDiskTests {
    @Test func aSyncOnACompletelyFullDiskSaysTheDiskIsFull() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let disk = directory.path("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try mount(disk, sizeKiB: 1_024)
        defer { _ = try? runCommand("/bin/umount", ["-l", disk]) }
        let token = directory.path("crema.token")
        try "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".write(
            toFile: token, atomically: true, encoding: .utf8)
        let replica = disk + "/crema.sqlite"
        let created = try runCommand(
            Binaries.client, ["init", "--db", replica, "--site", "crema", "--server", "http://127.0.0.1:9", "--token-file", token])
        #expect(created.status == 0, "\(created.stderr)")
        try fill(disk)

        for command in [["sync", "--db", replica], ["status", "--db", replica]] {
            let result = try runCommand(Binaries.client, command)
            #expect(result.status != 0)
            #expect(result.errorLines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("the disk is full"), "\(command[0]): \(result.stderr)")
            #expect(!result.stderr.contains("not a FareLegami replica"), "\(result.stderr)")
        }
        try FileManager.default.removeItem(atPath: disk + "/filler")
        let afterwards = try runCommand(Binaries.client, ["status", "--db", replica])
        #expect(afterwards.status == 0, "once space is freed the replica opens as before: \(afterwards.stderr)")
    }

    private func mount(_ path: String, sizeKiB: Int) throws {
        let result = try runCommand("/bin/mount", ["-t", "tmpfs", "-o", "size=\(sizeKiB)k", "tmpfs", path])
        guard result.status == 0 else { throw HarnessFailure(message: "cannot mount a tmpfs: \(result.stderr)") }
    }

    /// Writes a file until the file system refuses another byte.
    private func fill(_ disk: String) throws {
        let path = disk + "/filler"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let chunk = Data(count: 4_096)
        var size = 4_096
        while true {
            do { try handle.write(contentsOf: size == 4_096 ? chunk : Data(count: size)) } catch {
                if size == 1 { break }
                size = max(1, size / 2)
            }
        }
    }
}
