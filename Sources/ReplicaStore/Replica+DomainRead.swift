import SQLiteDatabase
import SyncCore
import SyncProtocol

extension Replica {
    /// Row `id` of `table` as a cut reads it (nil when absent), with every column whose stored value
    /// a FieldValue cannot carry unchanged: binary data (a BLOB), text that is not valid UTF-8 (it
    /// would arrive elsewhere with replacement characters) and infinite or NaN numbers (JSON has none).
    func domainRead(table: TableStatements.Table, id: String) throws -> DomainRead? {
        let statement = try connection.prepare(table.select).bind([.text(id)])
        defer { _ = try? statement.bind([]) }
        guard try statement.step() else { return nil }
        var values: [String: FieldValue] = [:]
        values.reserveCapacity(table.spec.columns.count)
        var unreadable: [String: String] = [:]
        for (index, column) in table.spec.columns.enumerated() {
            let position = Int32(index)
            if let (text, valid) = statement.checkedText(at: position) {
                values[column.name] = .text(text)
                if !valid {
                    unreadable[column.name] = "holds text that is not valid UTF-8 (it would reach the other offices "
                        + "with characters replaced): write it again as UTF-8 text"
                }
                continue
            }
            switch statement.value(at: position) {
            case .null:
                values[column.name] = .null
            case .integer(let integer):
                values[column.name] = .integer(integer)
            case .real(let real):
                values[column.name] = .real(real)
                if !real.isFinite { unreadable[column.name] = "holds \(real), which is not a number the sync can carry" }
            case .text(let text):
                values[column.name] = .text(text)  // read above; kept for the switch to be whole
            case .blob(let bytes):
                values[column.name] = .null
                unreadable[column.name] = "holds binary data (a BLOB of \(bytes.count) bytes), which the sync does not carry: "
                    + "store text or a number"
            }
        }
        return DomainRead(values: values, unreadable: unreadable)
    }
}
