import OfficeWork
import ReplicaStore
import SQLiteDatabase

/// Why the office app or one of its commands failed, in one line a person can act on.
public enum OfficeAppError: Error, CustomStringConvertible {
    /// A user name or password that cannot make an account.
    case invalidAccount(String)
    /// The app may not listen where it was asked to (beyond loopback without TLS).
    case insecureListen(String)
    /// The replica could not be opened or read.
    case replica(String)
    /// A TLS certificate or key that cannot be used.
    case tls(String)

    /// The message.
    public var description: String {
        switch self {
        case .invalidAccount(let detail): "account: \(detail)"
        case .insecureListen(let detail): detail
        case .replica(let detail): detail
        case .tls(let detail): detail
        }
    }

    /// Runs `body`, turning SQLite and replica failures into `.replica` errors that say what was being done.
    static func wrap<T>(_ doing: String, _ body: () throws -> T) throws(OfficeAppError) -> T {
        do {
            return try body()
        } catch let error as OfficeAppError {
            throw error
        } catch let error as SQLiteError {
            throw .replica("\(doing) failed: \(error.explanation(of: "the replica file"))")
        } catch {
            throw .replica("\(doing) failed: \(error)")
        }
    }
}
