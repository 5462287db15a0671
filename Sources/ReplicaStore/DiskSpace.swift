import Foundation

/// The free space of the file system a file lives on, to tell a full disk from a damaged file.
enum DiskSpace {
    /// Below this many free bytes, SQLite cannot add a page, a WAL frame or the WAL's index.
    static let fullBelowBytes: UInt64 = 64 * 1_024

    /// Whether the file system holding `path` has (almost) no space left for this process.
    static func isFull(aroundFile path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        guard let free = freeBytes(in: directory.isEmpty ? "." : directory) else { return false }
        return free < fullBelowBytes
    }

    /// The bytes an unprivileged process may still write under `directory`, or nil when unknown.
    static func freeBytes(in directory: String) -> UInt64? {
        var stats = statvfs()
        guard statvfs(directory, &stats) == 0 else { return nil }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
    }
}
