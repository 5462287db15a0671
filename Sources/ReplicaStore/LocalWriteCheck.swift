import SyncCore
import SyncProtocol

/// Why a local write cannot be synced as it stands: the column at fault and the reason, in words.
public struct WriteProblem: Sendable, Equatable {
    /// The column at fault (`id` for the row's key).
    public let column: String
    /// What is wrong, in one phrase ("'two' is not a whole number").
    public let reason: String
}

/// The checks a local write passes before the sync carries it: exactly what the server would refuse
/// (a value of the wrong type, an id it cannot take, a site-class row of another site), and what
/// would change on the way (binary data, text that is not UTF-8, infinite numbers, all of which
/// another replica would receive as something else). Pure: the caller reads the row.
enum LocalWriteCheck {
    /// The largest value a field may hold (the server takes bodies of 32 MiB; one field may not fill it).
    static let maxValueBytes = 1 << 20

    /// The first problem of a write to `table`, or nil when it can be synced.
    ///
    /// - Parameters:
    ///   - write: the write the cut folded (only the columns it writes are checked for type).
    ///   - id: the row's key.
    ///   - read: what the row holds now, with what reading it found that no FieldValue can carry.
    ///   - site: this replica's site; `central`: whether it is the central office.
    static func problem(
        of write: LocalWrite, table: TableSpec, id: String, read: DomainRead?, site: String, central: Bool,
        catalog: Catalog
    ) -> WriteProblem? {
        let values: [String: FieldValue]
        switch write {
        case .delete: return nil
        case .insert(let written), .update(let written): values = written
        }
        if id.isEmpty || id.utf8.count > 200 {
            return WriteProblem(column: "id", reason: "the id must be 1 to 200 bytes long, this one is \(id.utf8.count)")
        }
        if let unreadable = read?.unreadable, !unreadable.isEmpty {
            for column in table.columnNames where values[column] != nil {
                if let reason = unreadable[column] { return WriteProblem(column: column, reason: reason) }
            }
        }
        for column in table.columns {
            guard let value = values[column.name] else { continue }
            if case .text(let text) = value, text.utf8.count > maxValueBytes {
                return WriteProblem(
                    column: column.name, reason: "holds \(text.utf8.count / 1_024) KiB of text; a field may hold at most 1 MiB")
            }
            if let mismatch = typeMismatch(value, column: column) {
                return WriteProblem(column: column.name, reason: mismatch)
            }
            do {
                _ = try catalog.checkedValue(value, table: table.name, column: column, rowID: id)
            } catch {
                if case .invalidValue(_, _, _, let detail) = error { return WriteProblem(column: column.name, reason: detail) }
                return WriteProblem(column: column.name, reason: error.description)
            }
        }
        guard table.privacy == .site, !central else { return nil }
        let owner = read?.values[RowVersion.ownerColumn] ?? values[RowVersion.ownerColumn] ?? .null
        guard owner != .text(site) else { return nil }
        if case .text(let other) = owner {
            return WriteProblem(
                column: RowVersion.ownerColumn,
                reason: "says the row belongs to \(other): an office writes only its own (\(site)'s) rows of \(table.name); "
                    + "only the central office gives a row to another office")
        }
        return WriteProblem(column: RowVersion.ownerColumn, reason: "is empty: every \(table.name) row must name its office")
    }
}

extension LocalWriteCheck {
    /// A value of the wrong type for `column`, said as a person would.
    static func typeMismatch(_ value: FieldValue, column: ColumnSpec?) -> String? {
        switch (column?.type, value) {
        case (.integer?, .text(let text)): "'\(text.prefix(40))' is not a whole number"
        case (.integer?, .real(let real)): "\(real) is not a whole number that fits (this column holds whole numbers)"
        case (.real?, .text(let text)): "'\(text.prefix(40))' is not a number"
        default: nil
        }
    }
}

/// A domain row as read for a cut: its values by column, and for each column whose stored value no
/// FieldValue can carry unchanged, why.
struct DomainRead {
    /// The values, by column (a value that cannot be carried reads as NULL or repaired text).
    let values: [String: FieldValue]
    /// The columns holding binary data, invalid UTF-8 or an infinite number, with the reason.
    let unreadable: [String: String]
}
