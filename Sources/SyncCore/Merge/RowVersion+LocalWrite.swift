import SyncProtocol

/// What a replica did to a row between two syncs, folded into one new version.
public enum LocalWrite: Sendable, Equatable {
    /// The row was inserted (or re-created, or its id changed to this one): every column is written.
    case insert(values: [String: FieldValue])
    /// Some columns changed.
    case update(values: [String: FieldValue])
    /// The row was deleted.
    case delete
}

extension LocalWrite {
    /// What the local writes to one row since its last version amount to, or nil when nothing needs
    /// a new version.
    ///
    /// - Parameters:
    ///   - previous: the row's synced state (nil: never versioned).
    ///   - current: the row's values now (nil: the row is absent, i.e. deleted).
    ///   - changedColumns: the columns written since the last version (nil: all of them).
    ///   - columns: every column of the table.
    /// A field whose value equals its only sibling is not written again; a field in conflict is, since
    /// writing it is how a conflict is resolved.
    public static func folding(
        previous: RowVersion?, current: [String: FieldValue]?, changedColumns: Set<String>?, columns: [String]
    ) -> LocalWrite? {
        guard let current else { return previous?.isLive == true ? .delete : nil }
        guard let previous, previous.isLive else { return .insert(values: current) }
        var changed: [String: FieldValue] = [:]
        for column in columns where changedColumns?.contains(column) ?? true {
            let siblings = previous.fields[column] ?? []
            let value = current[column] ?? .null
            if siblings.count == 1, siblings[0].value == value { continue }
            if siblings.isEmpty, value == .null { continue }
            changed[column] = value
        }
        return changed.isEmpty ? nil : .update(values: changed)
    }
}

extension RowVersion {
    /// The row's next version after a local write made under `dot`.
    ///
    /// `dot` must be newer than any write of its replica the row includes. The new version's clock
    /// covers every sibling the local state held, so the write supersedes them all: writing a field
    /// that was in conflict resolves the conflict everywhere once the version is synced.
    ///
    /// - Parameters:
    ///   - previous: the row's current state (nil for a row never synced).
    ///   - columns: every column of the table, in catalog order. A delete writes NULL to each but
    ///     `site_id`, so a tombstone still says which site owns it.
    public static func afterLocalWrite(
        _ write: LocalWrite, previous: RowVersion?, table: String, id: String, columns: [String], dot: Dot
    ) -> RowVersion {
        var clock = previous?.clock ?? VersionVector()
        clock[dot.replica] = dot.counter
        var version = previous ?? RowVersion(table: table, id: id, clock: clock, live: [], fields: [:])
        version.clock = clock
        switch write {
        case .insert(let values):
            version.live = [Sibling(dot: dot, value: .integer(1))]
            version.fields.reserveCapacity(columns.count)
            for column in columns {
                version.fields[column] = [Sibling(dot: dot, value: values[column] ?? .null)]
            }
        case .update(let values):
            for (column, value) in values {
                version.fields[column] = [Sibling(dot: dot, value: value)]
            }
        case .delete:
            version.live = [Sibling(dot: dot, value: .integer(0))]
            for column in columns where column != RowVersion.ownerColumn {
                version.fields[column] = [Sibling(dot: dot, value: .null)]
            }
        }
        return version
    }
}

extension RowVersion {
    /// The column naming the site that owns a row.
    public static let ownerColumn = "site_id"
}
