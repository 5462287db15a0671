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
        guard var merged = local else { return MergeOutcome(merged: remote, changed: true) }
        let changed = merged.merge(remote)
        return MergeOutcome(merged: merged, changed: changed)
    }

    /// Merges `remote` into this state, by `merge(local:remote:)`'s rules; returns whether the state
    /// changed (false: `remote` added nothing).
    ///
    /// A state held nowhere else (one just read from storage) is changed where it stands: the
    /// concurrent case rewrites only the fields whose siblings change, copying no field dictionary.
    @discardableResult
    public mutating func merge(_ remote: RowVersion) -> Bool {
        switch clock.compare(to: remote.clock) {
        case .equal:
            // The same writes: a field only the remote has was left out of this copy (projected
            // for an older schema version), so the remote's siblings are the row's.
            return remote.hasField(notIn: self) && adoptFields(absentHereFrom: remote)
        case .after:
            // A field only the remote has comes from a schema version this state was written without.
            return remote.hasField(notIn: self) && fillFields(absentHereFrom: remote, absentImplied: absentFieldSiblings)
        case .before:
            // A version written without a field (on an older schema version) has no opinion on it,
            // unless it deleted the row (`absentFieldSiblings`).
            let local = self
            self = remote
            if local.hasField(notIn: remote) {
                keepFields(absentHereFrom: local, absentImplied: remote.absentFieldSiblings)
            }
            return true
        case .concurrent:
            // Field by field against the clock before the merge, which is therefore raised last;
            // what this state implies for a field it lacks follows from its `live` before the merge.
            let liveBefore = live
            if let merged = Register.mergeIfChanged(
                local: live, localClock: clock, remote: remote.live, remoteClock: remote.clock)
            {
                live = merged
            }
            mergeFields(with: remote, liveBefore: liveBefore)
            // The remote clock is ahead somewhere, so the merged clock, hence the state, changed.
            clock.formMerge(with: remote.clock)
            return true
        }
    }

    /// Whether this version has a field `other` lacks. Cheap in the common case: two versions of a
    /// row of one schema version hold the same fields, mostly in the same order (one decoder layout
    /// per table), which one pass over the names confirms.
    func hasField(notIn other: RowVersion) -> Bool {
        if fields.count > other.fields.count { return true }
        if fields.count == other.fields.count && fields.keys.elementsEqual(other.fields.keys) { return false }
        return fields.keys.contains { other.fields[$0] == nil }
    }

    /// What a version that lacks a field says of it: nothing (nil) for a live row; for a row it
    /// deleted, a NULL under each delete's dot. A delete writes every field, the ones its schema
    /// version did not have included: a row deleted on an older version is deleted whole, and an
    /// edit of a newer column it did not see contests the delete like any other edit.
    ///
    /// Implied from the version alone, so merging stays order-independent. It is exact unless the
    /// version's clock covers a write of the missing field that its delete did not see (one the
    /// replica received after deleting, while the delete waited unpushed, and could not hold):
    /// that write then counts as seen by the delete.
    public var absentFieldSiblings: [Sibling]? { Self.absentFieldSiblings(live: live) }

    /// This version with each of `columns` it lacks filled as its deletes imply
    /// (`absentFieldSiblings`); the version itself when it deleted nothing or lacks none of them.
    ///
    /// The server stores pushed versions so (against its newest catalog): a delete written on an
    /// older schema version then carries the newer columns' NULLs explicitly, and a later write of
    /// that version which has no opinion on them (a re-insert, a kept row) keeps them. Left implied,
    /// they would vanish when such a write reaches the server before an edit of those columns
    /// concurrent with the delete, and survive when it comes after: the merge would depend on the
    /// order of the pushes.
    ///
    /// `columns` is evaluated only for a version that deleted the row: pushes of live rows, nearly
    /// all of them, pay one look at `live`.
    public func fillingImpliedFields(_ columns: @autoclosure () -> [String]) -> RowVersion {
        guard let implied = absentFieldSiblings else { return self }
        let columns = columns()
        guard columns.contains(where: { fields[$0] == nil }) else { return self }
        var filled = self
        for column in columns where filled.fields[column] == nil { filled.fields[column] = implied }
        return filled
    }

    /// `absentFieldSiblings` of a version whose `live` siblings are `live`.
    static func absentFieldSiblings(live: [Sibling]) -> [Sibling]? {
        guard live.contains(where: { $0.value == .integer(0) }) else { return nil }
        return live.filter { $0.value == .integer(0) }.map { Sibling(dot: $0.dot, value: .null) }
    }

    /// Gives this state the fields `other` has and it lacks: `other`'s siblings merged with what
    /// this state implies for them (`absentImplied`, nil: `other`'s stand); returns whether there
    /// were any.
    @discardableResult
    mutating func fillFields(absentHereFrom other: RowVersion, absentImplied: [Sibling]?) -> Bool {
        guard let implied = absentImplied else { return adoptFields(absentHereFrom: other) }
        var filled = false
        for (name, siblings) in other.fields where fields[name] == nil {
            fields[name] = Register.merge(local: implied, localClock: clock, remote: siblings, remoteClock: other.clock)
            filled = true
        }
        return filled
    }

    /// Keeps, for the fields `local` (the state this one replaced) has and this one lacks,
    /// `local`'s siblings merged with what this state implies for them (`absentImplied`, nil:
    /// `local`'s stand).
    mutating func keepFields(absentHereFrom local: RowVersion, absentImplied: [Sibling]?) {
        guard let implied = absentImplied else {
            adoptFields(absentHereFrom: local)
            return
        }
        for (name, siblings) in local.fields where fields[name] == nil {
            fields[name] = Register.merge(local: siblings, localClock: local.clock, remote: implied, remoteClock: clock)
        }
    }

    /// Copies the fields `other` has and this state lacks; returns whether there were any.
    ///
    /// A version that lacks a field was written under a schema version without that column (or was
    /// sent to a replica on one): it says nothing about the field, so whatever the other side holds
    /// stands, whichever clock is ahead (SYNC.md, "Schema versions"). Versions of one schema version
    /// always carry every column, so this never happens between them.
    @discardableResult
    mutating func adoptFields(absentHereFrom other: RowVersion) -> Bool {
        var adopted = false
        for (name, siblings) in other.fields where fields[name] == nil {
            fields[name] = siblings
            adopted = true
        }
        return adopted
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

    /// The columns whose siblings disagree, sorted by name. A contested delete (an edit or re-insert
    /// concurrent with a delete, `isContestedDelete`) is one conflict on the row's existence, listed
    /// as `liveColumn` alone: keeping the row settles every field at once.
    public var conflictingColumns: [String] {
        // Most rows hold one sibling per field: no conflict, nothing to collect.
        guard live.count > 1 || fields.values.contains(where: { $0.count > 1 }) else { return [] }
        if !isLive, isContestedDelete { return [RowVersion.liveColumn] }
        var columns = fields.filter { Register.isConflict($0.value) }.map(\.key)
        if Register.isConflict(live) { columns.append(RowVersion.liveColumn) }
        return columns.sorted()
    }

    /// The pseudo-column name under which a conflict on the row's existence is listed.
    public static let liveColumn = "_live"
}
