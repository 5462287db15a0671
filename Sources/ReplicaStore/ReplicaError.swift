import SQLiteDatabase
import SyncCore

/// Why a replica operation failed. Every message is one line a person can act on; when an operation
/// fails, the replica file is left as it was before it started.
public enum ReplicaError: Error, CustomStringConvertible {
    /// No file at the path.
    case missingFile(path: String)
    /// `init` on a path that already holds a file.
    case alreadyExists(path: String)
    /// The file is not a FareLegami replica (or not an SQLite database at all).
    case notAReplica(path: String, detail: String)
    /// The replica was made by a build with another schema version and stores no catalog.
    case schemaVersion(path: String, found: Int, expected: Int)
    /// The replica follows a schema this build cannot read (a newer farelegami made or upgraded it).
    case madeByNewerBuild(path: String, detail: String)
    /// A catalog version the replica cannot move to (SYNC.md, "Schema versions"); nothing changed.
    case schemaRefused(SyncCoreError)
    /// A site id that is not a short lower-case code.
    case invalidSite(String)
    /// A change set was refused; nothing of it was applied.
    case changeSetRefused(SyncCoreError)
    /// There is no open conflict with this id.
    case noSuchConflict(Int64)
    /// A resolution that does not fit the conflict (a dot that is not one of its siblings, ...).
    case invalidResolution(String)
    /// This replica's site may not resolve the conflict (`Replica.mayResolve`): the message says who may.
    case notAllowedToResolve(String)
    /// SQLite failed (disk full, read-only file, locked, ...).
    case database(SQLiteError, doing: String)
    /// A row's stored state cannot be read (the file was damaged or edited by hand).
    case damagedState(table: String, id: String, detail: String)
    /// A change-set file exported by another territorial office: it must travel through the central office.
    case fileFromAnotherOffice(fileSite: String, site: String)
    /// The file system holding the replica has no free space left.
    case diskFull(path: String)
    /// Doing `doing` failed for a reason that is neither SQLite's nor a refused change set (an error
    /// from a step run inside the replica's transaction); nothing was changed.
    case failed(doing: String, detail: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            "no replica at \(path): create one with 'farelegami init --db \(path) --site SITE'"
        case .alreadyExists(let path):
            "\(path) already exists: choose another path or remove the file"
        case .notAReplica(let path, let detail):
            "\(path) is not a FareLegami replica (\(detail))"
        case .schemaVersion(let path, let found, let expected):
            "\(path) has schema version \(found) and no stored catalog; this build knows version \(expected) only: "
                + (found < expected ? "it is damaged; restore it from a copy" : "install a newer farelegami")
        case .madeByNewerBuild(let path, let detail):
            "\(path) was made by a newer farelegami (\(detail)): install that version or a newer one; the file was not changed"
        case .schemaRefused(let error):
            "\(error); the replica was not changed"
        case .invalidSite(let site):
            "'\(site)' is not a valid site id: use lower-case letters, digits, '-' or '_' (e.g. crema)"
        case .changeSetRefused(let error):
            "\(error); nothing was imported"
        case .noSuchConflict(let id):
            "no open conflict with id \(id): list them with 'farelegami conflicts list'"
        case .invalidResolution(let detail):
            "cannot resolve: \(detail)"
        case .notAllowedToResolve(let detail):
            "cannot resolve here: \(detail)"
        case .database(let error, let doing):
            "\(doing) failed: \(error.explanation(of: "the replica file"))"
        case .fileFromAnotherOffice(let fileSite, let site):
            "this file was exported by \(fileSite), another office: \(site) cannot pass its changes on to the server; "
                + "import it at the central office (\(Catalog.centralSite)), which syncs it on, and export from there "
                + "with '--for \(site)' (nothing was imported)"
        case .failed(let doing, let detail):
            "\(doing) failed: \(detail) (nothing was changed)"
        case .diskFull(let path):
            "the disk is full: no space is left for \(path); free some space and try again (nothing was changed)"
        case .damagedState(let table, let id, let detail):
            "the stored state of \(table)/\(id) is damaged (\(detail)): restore the replica from a copy; "
                + "without one, keep this file aside, make a new replica with 'farelegami init' and sync"
        }
    }

}

extension ReplicaError {
    /// Runs `body`, turning SQLite failures into `.database` errors that say what was being done.
    static func wrap<T>(_ doing: String, _ body: () throws -> T) throws(ReplicaError) -> T {
        do {
            return try body()
        } catch let error as ReplicaError {
            throw error
        } catch let error as SQLiteError {
            throw .database(error, doing: doing)
        } catch let error as SyncCoreError {
            throw .changeSetRefused(error)
        } catch {
            throw .failed(doing: doing, detail: "\(error)")
        }
    }
}
