/// Why a change set or a row version was refused. Every message is one line naming the problem.
public enum SyncCoreError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not a change set (not JSON, truncated, or another document).
    case malformedChangeSet(detail: String)
    /// The change set speaks another protocol version.
    case unsupportedProtocol(found: Int, supported: Int)
    /// The change set was written under another schema version.
    case schemaMismatch(found: Int, expected: Int)
    /// A row names a table the catalog lacks (or a local-class table, which never syncs).
    case unknownTable(String)
    /// A row names a column its table lacks.
    case unknownColumn(table: String, column: String)
    /// A value does not fit its column (wrong type, or not among the allowed values).
    case invalidValue(table: String, id: String, column: String, detail: String)
    /// A row version is not well formed (empty id, a dot its clock does not cover, ...).
    case invalidRow(table: String, id: String, detail: String)
    /// A catalog file is not valid (SYNC.md, "Schema versions").
    case invalidCatalog(detail: String)
    /// A catalog file of a form newer than this build reads.
    case catalogFromNewerBuild(formatVersion: Int, supported: Int)
    /// A new catalog version would change the model in a way replicas cannot follow.
    case catalogChangeRefused(from: Int, to: Int, reasons: [String])

    public var description: String {
        switch self {
        case .malformedChangeSet(let detail):
            "not a valid change set: \(detail)"
        case .unsupportedProtocol(let found, let supported):
            "change set uses protocol version \(found), this build speaks version \(supported): upgrade the older side"
        case .schemaMismatch(let found, let expected):
            "change set is for schema version \(found), this side is on schema version \(expected): "
                + (found > expected
                    ? "move this replica to version \(found) first (its next sync, 'farelegami schema upgrade', or with no network 'farelegami schema upgrade --catalog' and the file of 'farelegami-server schema show')"
                    : "the side that wrote it must move to version \(expected) first (its next sync), then export again")
        case .unknownTable(let table):
            "change set names table '\(table)', which is not a synced table of this schema"
        case .unknownColumn(let table, let column):
            "change set names column '\(column)' of table '\(table)', which this schema does not have"
        case .invalidValue(let table, let id, let column, let detail):
            "bad value for \(table).\(column) in row \(id): \(detail)"
        case .invalidRow(let table, let id, let detail):
            "bad row version \(table)/\(id): \(detail)"
        case .invalidCatalog(let detail):
            "not a valid catalog: \(detail)"
        case .catalogFromNewerBuild(let formatVersion, let supported):
            "the catalog is written in form \(formatVersion), this build reads forms up to \(supported): install a newer farelegami"
        case .catalogChangeRefused(let from, let to, let reasons):
            "version \(to) cannot follow version \(from): " + reasons.joined(separator: "; ")
        }
    }
}
