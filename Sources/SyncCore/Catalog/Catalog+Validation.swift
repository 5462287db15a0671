import Foundation
import SyncProtocol

extension Catalog {
    /// Checks a row version from a peer against this catalog and returns it normalised (integers in
    /// REAL columns become reals).
    ///
    /// - Throws: `SyncCoreError` naming the table, row and column at fault: an unknown or local
    ///   table, an unknown column, a value of the wrong type or outside the allowed values, or a
    ///   malformed version (empty id, a dot not covered by the row's clock, an empty `live`).
    public func validate(_ row: RowVersion) throws(SyncCoreError) -> RowVersion {
        guard let table = table(named: row.table), table.isSynced else { throw .unknownTable(row.table) }
        guard !row.id.isEmpty, row.id.utf8.count <= 200 else {
            throw .invalidRow(table: row.table, id: row.id, detail: "the id must be 1 to 200 bytes")
        }
        guard row.clock.entries.count <= Self.maxClockReplicas else {
            throw .invalidRow(
                table: row.table, id: row.id,
                detail: "the clock names \(row.clock.entries.count) replicas; at most \(Self.maxClockReplicas) may write one row")
        }
        try checkDots(row.live, of: row, register: RowVersion.liveColumn)
        guard !row.live.isEmpty, row.live.allSatisfy({ $0.value == .integer(0) || $0.value == .integer(1) }) else {
            throw .invalidRow(table: row.table, id: row.id, detail: "'live' must hold siblings of 0 or 1")
        }
        var normalized = row
        for (name, siblings) in row.fields {
            guard let column = table.column(named: name) else {
                throw .unknownColumn(table: row.table, column: name)
            }
            try checkDots(siblings, of: row, register: name)
            var changed = false
            var values: [Sibling] = []
            for (index, sibling) in siblings.enumerated() {
                let value = try normalize(sibling.value, for: column, table: row.table, rowID: row.id)
                if value != sibling.value && !changed {
                    changed = true
                    values = Array(siblings[..<index])
                }
                if changed { values.append(Sibling(dot: sibling.dot, value: value)) }
            }
            // Only a value that normalising changed is written back: the common row is returned as it came.
            if changed { normalized.fields[name] = values }
        }
        return normalized
    }

    private func checkDots(_ siblings: [Sibling], of row: RowVersion, register: String) throws(SyncCoreError) {
        guard siblings.count <= Self.maxSiblings else {
            throw .invalidRow(
                table: row.table, id: row.id,
                detail: "\(register) holds \(siblings.count) concurrent values; at most \(Self.maxSiblings) may disagree")
        }
        for sibling in siblings where sibling.dot.counter == 0 || !row.clock.covers(sibling.dot) {
            throw .invalidRow(
                table: row.table, id: row.id,
                detail: "\(register) was set by write \(sibling.dot), which the row's clock does not include")
        }
        // Registers hold one or a few siblings: comparing pairs is cheaper than building a set, and
        // the cap above bounds the pairs.
        for (index, sibling) in siblings.enumerated().dropFirst() where siblings[..<index].contains(where: { $0.dot == sibling.dot }) {
            throw .invalidRow(table: row.table, id: row.id, detail: "\(register) lists the same write twice")
        }
    }

    /// Checks one value for `table`.`column` and returns it normalised (an integer for a REAL column
    /// becomes a real).
    ///
    /// - Throws: `SyncCoreError.unknownTable`, `.unknownColumn`, or `.invalidValue` for a value of the
    ///   wrong type or outside the allowed values.
    public func checkedValue(_ value: FieldValue, table: String, column: String, rowID: String = "")
        throws(SyncCoreError) -> FieldValue
    {
        guard let spec = self.table(named: table) else { throw .unknownTable(table) }
        guard let columnSpec = spec.column(named: column) else { throw .unknownColumn(table: table, column: column) }
        return try normalize(value, for: columnSpec, table: table, rowID: rowID)
    }

    /// `checkedValue(_:table:column:rowID:)` for a column the caller already holds (a cut checks
    /// every column of every row it versions: no look-up by name).
    public func checkedValue(_ value: FieldValue, table: String, column: ColumnSpec, rowID: String = "")
        throws(SyncCoreError) -> FieldValue
    {
        try normalize(value, for: column, table: table, rowID: rowID)
    }

    private func normalize(_ value: FieldValue, for column: ColumnSpec, table: String, rowID: String)
        throws(SyncCoreError) -> FieldValue
    {
        func refuse(_ detail: String) -> SyncCoreError {
            .invalidValue(table: table, id: rowID, column: column.name, detail: detail)
        }
        switch (column.type, value) {
        case (_, .null):
            return .null
        case (.text, .text(let text)):
            // Byte for byte, as a replica's CHECK compares: not a canonically equivalent spelling.
            if let allowed = column.allowed, !allowed.contains(where: { $0.utf8.elementsEqual(text.utf8) }) {
                throw refuse("'\(text)' is not one of \(allowed.joined(separator: ", "))")
            }
            return value
        case (.integer, .integer):
            return value
        case (.real, .real):
            return value
        case (.real, .integer(let integer)):
            return .real(Double(integer))
        default:
            throw refuse("expected \(column.type.rawValue), got \(value.typeName) \(value)")
        }
    }
}

extension Catalog {
    /// The most siblings one field (or `live`) may hold: concurrent writes that disagree, at most one
    /// per replica that wrote the field before seeing the others. A deployment of a few dozen
    /// replicas never comes near; a version beyond it is refused before any merge (each merge of a
    /// field compares its siblings pairwise, so this bounds a push's work linearly in its size).
    public static let maxSiblings = 64
    /// The most replicas one row's clock may name (every replica that ever wrote the row, forks and
    /// re-created replicas included).
    public static let maxClockReplicas = 1_024
}

extension FieldValue {
    /// The SQL type name of this value, for error messages.
    public var typeName: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        }
    }
}

extension Catalog {
    /// Reads a value typed by a person (a CLI argument, a CSV cell) for `table`.`column`: numbers for
    /// numeric columns, text otherwise; the empty string is NULL.
    ///
    /// - Throws: `SyncCoreError.invalidValue` when the text is not a number for a numeric column or is
    ///   not among the allowed values.
    public func value(fromText text: String, table: String, column: String, rowID: String = "")
        throws(SyncCoreError) -> FieldValue
    {
        guard let spec = self.table(named: table) else { throw .unknownTable(table) }
        guard let columnSpec = spec.column(named: column) else { throw .unknownColumn(table: table, column: column) }
        let raw: FieldValue
        switch columnSpec.type {
        case _ where text.isEmpty: raw = .null
        case .text: raw = .text(text)
        case .integer:
            guard let integer = Int64(text) else {
                throw .invalidValue(table: table, id: rowID, column: column, detail: "'\(text)' is not a whole number")
            }
            raw = .integer(integer)
        case .real:
            guard let real = Double(text.replacingOccurrences(of: ",", with: ".")) else {
                throw .invalidValue(table: table, id: rowID, column: column, detail: "'\(text)' is not a number")
            }
            raw = .real(real)
        }
        return try checkedValue(raw, table: table, column: column, rowID: rowID)
    }
}
