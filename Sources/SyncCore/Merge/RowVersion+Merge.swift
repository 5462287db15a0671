import SyncProtocol

/// The result of merging a remote row version into the local one.
public struct MergeOutcome: Sendable, Equatable {
    /// The merged state every replica converges to.
    public let merged: RowVersion
    /// Whether `merged` differs from the local state (false: the remote version added nothing).
    public let changed: Bool
}

extension RowVersion {
    /// Merges `remote` into `local` (nil: the row is new here).
    ///
    /// The rules, in order: remote dominates → take it; local dominates or equal → keep it (so
    /// applying a version twice is a no-op); concurrent → field by field with `Register.merge`, so a
    /// field only one side changed takes that side's value, and a field both changed keeps both
    /// writes as siblings (a conflict when their values differ). A delete is a write of `live` and
    /// of every field, so a delete concurrent with an update leaves the updated fields in conflict.
    public static func merge(local: RowVersion?, remote: RowVersion) -> MergeOutcome {
        // `local!` below cannot fail: the order is nil only for a nil `local`. (Unwrapping in each
        // case rather than with `guard let` spares a copy of the whole row.)
        switch local?.clock.compare(to: remote.clock) {
        case nil:
            return MergeOutcome(merged: remote, changed: true)
        case .equal, .after:
            return MergeOutcome(merged: local!, changed: false)
        case .before:
            return MergeOutcome(merged: remote, changed: true)
        case .concurrent:
            // Concurrent: the remote clock is ahead somewhere, so the merged clock, hence the state, changed.
            return MergeOutcome(merged: concurrentMerge(local!, remote), changed: true)
        }
    }

    /// The field-by-field merge of two concurrent versions.
    private static func concurrentMerge(_ local: RowVersion, _ remote: RowVersion) -> RowVersion {
        let live = Register.mergeIfChanged(
            local: local.live, localClock: local.clock, remote: remote.live, remoteClock: remote.clock)
        return RowVersion(
            table: local.table, id: local.id, clock: local.clock.merged(with: remote.clock),
            live: live ?? local.live, fields: mergedFields(local: local, remote: remote))
    }

    /// Whether the row exists: it was written live and no delete is among the `live` siblings.
    /// A delete concurrent with a re-insert therefore keeps the row deleted until someone resolves it.
    public var isLive: Bool {
        !live.isEmpty && live.allSatisfy { $0.value == .integer(1) }
    }

    /// The value each column shows: its provisional winner (NULL for a field never written).
    public var visibleValues: [String: FieldValue] {
        fields.mapValues { Register.winner(of: $0)?.value ?? .null }
    }

    /// The columns whose siblings disagree, sorted by name.
    public var conflictingColumns: [String] {
        // Most rows hold one sibling per field: no conflict, nothing to collect.
        guard live.count > 1 || fields.values.contains(where: { $0.count > 1 }) else { return [] }
        var columns = fields.filter { Register.isConflict($0.value) }.map(\.key)
        if Register.isConflict(live) { columns.append(RowVersion.liveColumn) }
        return columns.sorted()
    }

    /// The pseudo-column name under which a conflict on the row's existence is listed.
    public static let liveColumn = "_live"
}
