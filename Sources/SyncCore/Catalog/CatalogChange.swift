/// What one catalog version changes from another, checked to be a change replicas can follow
/// (SYNC.md, "Schema versions"): tables and columns added, enumerations widened, columns retired,
/// columns dropped once retired, labels changed. Nothing else.
public struct CatalogChange: Sendable, Equatable {
    /// A column, named by its table.
    public struct Column: Sendable, Hashable, CustomStringConvertible {
        /// The table.
        public let table: String
        /// The column.
        public let column: String

        public var description: String { "\(table).\(column)" }
    }

    /// The version changed from.
    public let from: Int
    /// The version changed to.
    public let to: Int
    /// Tables the new version adds, in its order.
    public private(set) var addedTables: [String] = []
    /// Columns the new version adds to tables both have.
    public private(set) var addedColumns: [Column] = []
    /// Enumerations that allow more values (or any value) in the new version.
    public private(set) var widenedColumns: [Column] = []
    /// Columns the new version marks retired.
    public private(set) var retiredColumns: [Column] = []
    /// Columns the new version no longer has (retired in the old one, when published).
    public private(set) var droppedColumns: [Column] = []
    /// Whether any table's, column's or value's label changed.
    public private(set) var labelsChanged = false

    /// Whether a replica moving across this change must receive rows again: it adds something a
    /// replica on the old version was not sent (a table, a column, a value its enumeration refused).
    public var needsRowsAgain: Bool { !addedTables.isEmpty || !addedColumns.isEmpty || !widenedColumns.isEmpty }

    /// The change in a few words per item, for people: "new table need_followup", ….
    public var lines: [String] {
        addedTables.map { "new table \($0)" } + addedColumns.map { "new column \($0)" }
            + widenedColumns.map { "more values allowed in \($0)" } + retiredColumns.map { "column \($0) retired" }
            + droppedColumns.map { "column \($0) dropped" } + (labelsChanged ? ["labels changed"] : [])
    }

    /// The change from `old` to `new`, checked.
    ///
    /// - Parameter publishing: true when the central office publishes `new` after `old`: a column may
    ///   then be dropped only if `old` already marked it retired (the step that tells replicas it is
    ///   going). A replica catching up several versions at once passes false.
    /// - Throws: `SyncCoreError.catalogChangeRefused` listing every change replicas could not follow:
    ///   a version not above the old one, a table removed, a privacy class, type or reference changed,
    ///   an enumeration narrowed or imposed on a free column, a column dropped without being retired.
    public static func between(_ old: Catalog, _ new: Catalog, publishing: Bool = true) throws(SyncCoreError) -> CatalogChange {
        var change = CatalogChange(from: old.schemaVersion, to: new.schemaVersion)
        var refusals: [String] = []
        if new.schemaVersion <= old.schemaVersion {
            refusals.append("the new version must be above \(old.schemaVersion), got \(new.schemaVersion)")
        }
        for table in old.tables {
            guard let next = new.table(named: table.name) else {
                refusals.append("table \(table.name) is removed (tables stay; retire their columns instead)")
                continue
            }
            if next.privacy != table.privacy {
                refusals.append("table \(table.name) changes privacy from \(table.privacy.rawValue) to \(next.privacy.rawValue) (add a new table instead)")
            }
            if next.label != table.label || next.pluralLabel != table.pluralLabel || next.naming != table.naming {
                change.labelsChanged = true
            }
            for column in table.columns {
                let place = Column(table: table.name, column: column.name)
                guard let successor = next.column(named: column.name) else {
                    if publishing && !column.retired {
                        refusals.append("column \(place) is dropped without being retired first (publish a version that marks it \"retired\": true)")
                    } else {
                        change.droppedColumns.append(place)
                    }
                    continue
                }
                refusals += check(column, becoming: successor, at: place, change: &change)
            }
            for column in next.columns where table.column(named: column.name) == nil {
                change.addedColumns.append(Column(table: table.name, column: column.name))
            }
        }
        for table in new.tables where old.table(named: table.name) == nil {
            change.addedTables.append(table.name)
        }
        guard refusals.isEmpty else {
            throw .catalogChangeRefused(from: old.schemaVersion, to: new.schemaVersion, reasons: refusals)
        }
        return change
    }

    /// What changing `column` into `successor` refuses (nothing when it is followable); records the rest.
    private static func check(
        _ column: ColumnSpec, becoming successor: ColumnSpec, at place: Column, change: inout CatalogChange
    ) -> [String] {
        var refusals: [String] = []
        if successor.type != column.type {
            refusals.append("column \(place) changes type from \(column.type.rawValue.lowercased()) to \(successor.type.rawValue.lowercased()) (add a new column, copy, retire this one)")
        }
        if successor.references != column.references {
            refusals.append("column \(place) changes what it refers to (add a new column, copy, retire this one)")
        }
        switch (column.allowed, successor.allowed) {
        case (nil, .some):
            refusals.append("column \(place) becomes an enumeration; values already stored may not fit (add a new column instead)")
        case (.some(let before), .some(let after)):
            let removed = before.filter { !after.contains($0) }
            if !removed.isEmpty {
                refusals.append("column \(place) no longer allows \(removed.joined(separator: ", ")) (values stay allowed; stop offering them instead)")
            } else if after.count > before.count {
                change.widenedColumns.append(place)
            }
        case (.some, nil):
            change.widenedColumns.append(place)
        case (nil, nil):
            break
        }
        if successor.retired && !column.retired { change.retiredColumns.append(place) }
        if successor.label != column.label || successor.valueLabels != column.valueLabels { change.labelsChanged = true }
        return refusals
    }
}
