import ReplicaStore
import SQLiteDatabase

/// Why an office command failed. Every message is one line that names the field, row or file at
/// fault; when a command fails, the replica is left as it was before it started.
public enum OfficeError: Error, Equatable, CustomStringConvertible {
    /// A value that does not fit its field (`field` is the column name, e.g. `signed_on`).
    case invalidField(field: String, value: String, reason: String)
    /// A required field was not given.
    case missingField(String)
    /// A reference to a row that is not in this replica.
    case missingReference(field: String, table: String, key: String)
    /// A reference that matches more than one row (by name or code).
    case ambiguousReference(field: String, table: String, key: String)
    /// A command on a row that does not exist.
    case notFound(table: String, key: String)
    /// A delete of a row other rows still refer to (a household with people).
    case stillReferenced(table: String, by: String, count: Int)
    /// A table name that is not a domain table.
    case unknownTable(String)
    /// A local-class table (never leaves the replica) asked for an export.
    case localTable(String)
    /// A CSV file that cannot be read at all (no header, unterminated quote, not UTF-8).
    case csvFormat(line: Int, detail: String)
    /// A CSV import with bad rows: nothing was imported.
    case csvRejected(table: String, problems: [CSVProblem])
    /// A report name that is not one of `ReportName`.
    case unknownReport(String)
    /// A period that is neither `YYYY-H1`/`YYYY-H2` nor a valid `--from`/`--to` pair.
    case invalidPeriod(String)
    /// `seed` on a replica that already holds data.
    case notEmpty(path: String)
    /// A file could not be read or written.
    case file(path: String, detail: String)
    /// The replica could not be opened or SQLite failed.
    case database(detail: String, doing: String)

    /// The message: one line naming the field, row or file, and what to do.
    public var description: String {
        switch self {
        case .invalidField(let field, let value, let reason):
            "\(field): '\(value)' \(reason)"
        case .missingField(let field):
            "\(field): required, give --\(field)"
        case .missingReference(let field, let table, let key):
            "\(field): no \(table) '\(key)' in this replica"
        case .ambiguousReference(let field, let table, let key):
            "\(field): '\(key)' matches more than one \(table); give its id"
        case .notFound(let table, let key):
            "no \(table) '\(key)' in this replica"
        case .stillReferenced(let table, let by, let count):
            "this \(table) still has \(count) \(by) row(s) referring to it: delete or move them first"
        case .unknownTable(let name):
            "'\(name)' is not a domain table (see 'farelegami schema')"
        case .localTable(let name):
            "\(name) is local-class (names, tax codes, contacts): it never leaves this replica and cannot be exported"
        case .csvFormat(let line, let detail):
            "line \(line): \(detail); nothing was imported"
        case .csvRejected(let table, let problems):
            "\(table): \(problems.count) \(problems.count == 1 ? "problem" : "problems") "
                + "(first: \(problems.first.map(\.description) ?? "none")); nothing was imported"
        case .unknownReport(let name):
            "'\(name)' is not a report: use one of \(ReportName.allCases.map(\.rawValue).joined(separator: ", "))"
        case .invalidPeriod(let detail):
            "period: \(detail)"
        case .notEmpty(let path):
            "\(path) already holds data: seed a freshly created replica"
        case .file(let path, let detail):
            "\(path): \(detail)"
        case .database(let detail, let doing):
            "\(doing) failed: \(detail)"
        }
    }
}

extension OfficeError {
    /// The field (column or option name) the error is about, when it is about one.
    public var field: String? {
        switch self {
        case .invalidField(let field, _, _), .missingField(let field), .missingReference(let field, _, _),
            .ambiguousReference(let field, _, _):
            field
        default: nil
        }
    }

    /// Runs `body`, turning replica and SQLite failures into `.database` errors that say what was being done.
    static func wrap<T>(_ doing: String, _ body: () throws -> T) throws(OfficeError) -> T {
        do {
            return try body()
        } catch let error as OfficeError {
            throw error
        } catch let error as ReplicaError {
            throw .database(detail: error.description, doing: doing)
        } catch let error as SQLiteError {
            throw .database(
                detail: error.isBusy ? "the replica is locked by another process; try again" : error.message,
                doing: doing)
        } catch {
            throw .database(detail: "\(error)", doing: doing)
        }
    }
}
