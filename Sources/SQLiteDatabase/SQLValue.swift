/// A value SQLite stores or returns.
public enum SQLValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The integer, if this is one.
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    /// The text, if this is text.
    public var text: String? { if case .text(let value) = self { value } else { nil } }
}
