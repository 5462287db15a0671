import Foundation

extension Office {
    /// Copies the replica file (with its WAL, if a process left one) to `<directory>/<name>.sqlite`,
    /// as an operator copies it with the daemon stopped, and returns the copy as an office of the same
    /// site.
    public func copy(named name: String, in directory: TemporaryDirectory) throws -> Office {
        let copy = Office(site: site, path: directory.path("\(name).sqlite"))
        try Self.copyFile(from: path, to: copy.path)
        return copy
    }

    /// Puts `backup` back in place of this replica's file (its WAL and shared-memory files removed
    /// first), as an operator restores a copy.
    public func restore(from backup: Office) throws {
        try Self.copyFile(from: backup.path, to: path)
    }

    private static func copyFile(from source: String, to destination: String) throws {
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: destination + suffix) {
            try files.removeItem(atPath: destination + suffix)
        }
        for suffix in ["", "-wal"] where files.fileExists(atPath: source + suffix) {
            try files.copyItem(atPath: source + suffix, toPath: destination + suffix)
        }
    }
}
