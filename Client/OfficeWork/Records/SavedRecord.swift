import SyncCore

/// A row as it stands in the replica after a command wrote it (with the `id` and `site_id` the
/// replica gave it), plus related rows a command wrote or read with it.
///
/// Encoded for `--json` as one flat object: `id`, every column, and each related table as an array.
public struct SavedRecord: Sendable, Equatable, Encodable {
    /// The table the row belongs to.
    public let table: String
    /// The row id.
    public let id: String
    /// Every column of the row but `id` (NULL columns included), by name.
    public let values: [String: FieldValue]
    /// Rows written or read together with this one (commitments of a pact, people of a household), by table.
    public var related: [String: [SavedRecord]]

    /// A record of row `id` of `table` with `values`.
    public init(table: String, id: String, values: [String: FieldValue], related: [String: [SavedRecord]] = [:]) {
        self.table = table
        self.id = id
        self.values = values
        self.related = related
    }

    /// The value of `column` (`.null` when absent).
    public subscript(column: String) -> FieldValue { values[column] ?? .null }

    /// The text of `column`, if it holds text.
    public func text(_ column: String) -> String? {
        if case .text(let text) = self[column] { text } else { nil }
    }

    /// One line: the table, id and every non-NULL column in catalog order (`amount_cents` shown in euros).
    public var summary: String {
        let builtIn = Catalog.farelegami.table(named: table)?.columnNames ?? []
        // Catalog order, then columns a published version added.
        let columns = builtIn + values.keys.filter { !builtIn.contains($0) }.sorted()
        let fields = columns.compactMap { column -> String? in
            switch self[column] {
            case .null: nil
            case .integer(let cents) where column == "amount_cents": "amount=\(Euros.plain(cents))"
            case let value: "\(column)=\(value)"
            }
        }
        return "\(table) \(id): \(fields.joined(separator: " "))"
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes the flat JSON object described above.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(id, forKey: Key("id"))
        for (column, value) in values { try container.encode(value, forKey: Key(column)) }
        for (table, rows) in related { try container.encode(rows, forKey: Key(table)) }
    }
}
