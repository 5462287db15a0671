import SQLiteDatabase
import SyncProtocol

extension FieldValue {
    /// The value to bind into SQL.
    public var sqlValue: SQLValue {
        switch self {
        case .null: .null
        case .integer(let value): .integer(value)
        case .real(let value): .real(value)
        case .text(let value): .text(value)
        }
    }

    /// A value read from SQL (blobs are not part of the schema and read as NULL).
    public init(_ value: SQLValue) {
        switch value {
        case .integer(let integer): self = .integer(integer)
        case .real(let real): self = .real(real)
        case .text(let text): self = .text(text)
        case .null, .blob: self = .null
        }
    }
}
