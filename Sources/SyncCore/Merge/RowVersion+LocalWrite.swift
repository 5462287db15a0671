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
