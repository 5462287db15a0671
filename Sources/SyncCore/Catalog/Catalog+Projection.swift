import SyncProtocol

extension Catalog {
    /// `row` as a replica on this (older) catalog version may hold it, or nil when it may hold none of
    /// it (a table this version lacks).
    ///
    /// Fields of columns this version lacks are left out: the replica is never sent a column it could
    /// not store. A version without a field has no opinion on it (`RowVersion.merge`), so what it
    /// pushes back keeps the field as the server holds it. A value a later version allowed in an
    /// enumeration is sent as it is: the replica keeps it in the row's state (exactly, so its next
    /// write of the row carries it) and its domain table shows NULL until it moves to that version.
    public func projected(_ row: RowVersion) -> RowVersion? {
        guard let table = table(named: row.table), table.isSynced else { return nil }
        var projected = row
        for name in row.fields.keys {
            if table.column(named: name) == nil { projected.fields[name] = nil }
        }
        return projected
    }

    /// This catalog with the columns `older` versions had and this one dropped added back, retired:
    /// what the server checks pushes against, since a replica's stored row states keep a dropped
    /// column's siblings (they are no longer shown nor sent to replicas that lack it).
    public func keepingDroppedColumns(of older: some Collection<Catalog>) -> Catalog {
        var changed = false
        let tables = tables.map { table -> TableSpec in
            var extra: [ColumnSpec] = []
            for catalog in older {
                for column in catalog.table(named: table.name)?.columns ?? [] where table.column(named: column.name) == nil
                    && !extra.contains(where: { $0.name == column.name })
                {
                    extra.append(ColumnSpec(column.name, column.type, allowed: column.allowed, references: column.references, retired: true))
                }
            }
            guard !extra.isEmpty else { return table }
            changed = true
            return TableSpec(
                table.name, table.privacy, Array(table.columns.dropFirst()) + extra, label: table.label,
                pluralLabel: table.pluralLabel, naming: table.naming)
        }
        return changed ? Catalog(schemaVersion: schemaVersion, tables: tables, document: document) : self
    }

    /// `row` without the fields of columns this catalog lacks (a column a later version dropped,
    /// still in stored states): what a replica keeps of a pulled row.
    public func withoutUnknownFields(_ row: RowVersion) -> RowVersion {
        guard let table = table(named: row.table), row.fields.keys.contains(where: { table.column(named: $0) == nil }) else {
            return row
        }
        var kept = row
        for name in row.fields.keys where table.column(named: name) == nil { kept.fields[name] = nil }
        return kept
    }

    /// The synced tables of `newer` whose rows this (older) version cannot hold as they are: tables it
    /// lacks, or has with fewer columns. Rows of the other tables need no `projected(_:)`.
    public func tablesToProject(from newer: Catalog) -> Set<String> {
        Set(newer.syncedTables.filter { table in
            guard let mine = self.table(named: table.name) else { return true }
            return table.columns.contains { mine.column(named: $0.name) == nil }
        }.map(\.name))
    }
}

extension Catalog {
    /// This catalog with every enumeration open: what a replica checks pulled rows against, since a
    /// later schema version may allow values its own version does not (they stay in the row's state;
    /// the domain table shows NULL until the replica moves to that version).
    public var acceptingAnyEnumeratedValue: Catalog {
        let tables = tables.map { table in
            TableSpec(
                table.name, table.privacy,
                table.columns.dropFirst().map { column in
                    ColumnSpec(
                        column.name, column.type, references: column.references, label: column.label,
                        valueLabels: column.valueLabels, retired: column.retired)
                },
                label: table.label, pluralLabel: table.pluralLabel, naming: table.naming)
        }
        return Catalog(schemaVersion: schemaVersion, tables: tables, document: document)
    }
}
