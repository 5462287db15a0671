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
        guard let local else { return MergeOutcome(merged: remote, changed: true) }
        switch local.clock.compare(to: remote.clock) {
        case .equal, .after:
            return MergeOutcome(merged: local, changed: false)
        case .before:
            return MergeOutcome(merged: remote, changed: true)
        case .concurrent:
            var merged = local
            merged.clock = local.clock.merged(with: remote.clock)
            merged.live = Register.merge(
                local: local.live, localClock: local.clock, remote: remote.live, remoteClock: remote.clock)
            for (name, siblings) in local.fields {
                merged.fields[name] = Register.merge(
                    local: siblings, localClock: local.clock,
                    remote: remote.fields[name] ?? [], remoteClock: remote.clock)
            }
            for (name, siblings) in remote.fields where local.fields[name] == nil {
                merged.fields[name] = Register.merge(
                    local: [], localClock: local.clock, remote: siblings, remoteClock: remote.clock)
            }
            // Concurrent: the remote clock is ahead somewhere, so the merged clock, hence the state, changed.
            return MergeOutcome(merged: merged, changed: true)
        }
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
        var columns = fields.filter { Register.isConflict($0.value) }.map(\.key)
        if Register.isConflict(live) { columns.append(RowVersion.liveColumn) }
        return columns.sorted()
    }

    /// The pseudo-column name under which a conflict on the row's existence is listed.
    public static let liveColumn = "_live"
}
