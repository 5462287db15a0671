import SyncProtocol

/// The row an edit-against-delete conflict keeps aside, outside the merge lattice, so that keeping
/// the row brings all of it back.
///
/// A delete writes NULL to every field but `site_id`, so once it is merged with a concurrent edit
/// only the edited fields keep the edit's value (as a sibling of the delete's NULL); every other
/// field shows the delete's NULL. The *retained view* is the state of the side that was still live
/// when the two met: a live row version, which replicas and the server hold only while the row is
/// contested (`RowVersion.isContestedDelete`) and drop as soon as it is not (resolved either way,
/// deleted again by a write that saw everything, or re-inserted), so an uncontested delete still
/// erases every value.
///
/// Retained views of one row join like row versions (`join`): the join of live states is live, and
/// every holder converges to the same view whatever order they learn of them in.
public enum RetainedView {
    /// The live side's state when merging `remote` into `local` gave `merged` and that made an
    /// edit-against-delete conflict: `merged` is a contested delete, the two sides were concurrent,
    /// and one of them was live. Nil otherwise (nothing new to keep aside).
    public static func retained(local: RowVersion?, remote: RowVersion, merged: RowVersion) -> RowVersion? {
        guard let local, local.isLive != remote.isLive, merged.isContestedDelete,
            local.clock.compare(to: remote.clock) == .concurrent
        else { return nil }
        return local.isLive ? local : remote
    }

    /// Two retained views of one row joined (either may be absent): the row-version merge, so the
    /// result includes every write of both.
    public static func join(_ held: RowVersion?, _ gained: RowVersion?) -> RowVersion? {
        guard let held else { return gained }
        guard let gained else { return held }
        return RowVersion.merge(local: held, remote: gained).merged
    }

    /// The values that keeping the contested row `contested` writes back, column by column: the
    /// latest write the delete did not see (an edit, or a re-insert) when the field has one, else
    /// the value `retained` shows. Nil when some column has neither (no retained view is held and
    /// the delete superseded that field): the row cannot be brought back whole here.
    ///
    /// Every value returned is one some write of the row's history wrote; none is invented.
    public static func keptValues(of contested: RowVersion, retained: RowVersion?, columns: [String])
        -> [String: FieldValue]?
    {
        let deletes = Set(contested.live.filter { $0.value == .integer(0) }.map(\.dot))
        let shown = retained?.visibleValues
        var values: [String: FieldValue] = [:]
        for column in columns {
            let unseen = (contested.fields[column] ?? []).filter { !deletes.contains($0.dot) }
            if let latest = Register.winner(of: unseen) {
                values[column] = latest.value
            } else if let shown, let value = shown[column] {
                values[column] = value
            } else {
                return nil
            }
        }
        return values
    }
}

extension RowVersion {
    /// Whether the row is deleted while a write the delete did not see survives: an edit (a field
    /// sibling not written by a delete) or a re-insert (a `live` sibling of 1) concurrent with the
    /// delete. Such a row is deleted on every replica until someone resolves it, by keeping it
    /// (`RetainedView.keptValues`) or deleting it.
    ///
    /// `site_id` is left out: a delete never writes it.
    public var isContestedDelete: Bool {
        guard !live.isEmpty, !isLive else { return false }
        if live.contains(where: { $0.value == .integer(1) }) { return true }
        // Every `live` sibling is a delete here.
        for (name, siblings) in fields where name != RowVersion.ownerColumn {
            for sibling in siblings where !live.contains(where: { $0.dot == sibling.dot }) { return true }
        }
        return false
    }
}

extension RowVersion {
    /// The writes a contested delete sets against each other, each list sorted by dot: the deletes
    /// (its `live` siblings of 0) and the writes they did not see (edits, re-inserts), each with the
    /// columns it wrote (`site_id` left out). Both empty for a row that is not a contested delete.
    public var contestingWrites: (deletes: [Dot], unseen: [(dot: Dot, columns: [String])]) {
        guard isContestedDelete else { return ([], []) }
        let deletes = Set(live.filter { $0.value == .integer(0) }.map(\.dot))
        var unseen: [Dot: [String]] = [:]
        for sibling in live where !deletes.contains(sibling.dot) { unseen[sibling.dot, default: []] = [] }
        for (name, siblings) in fields where name != RowVersion.ownerColumn {
            for sibling in siblings where !deletes.contains(sibling.dot) { unseen[sibling.dot, default: []].append(name) }
        }
        return (deletes.sorted(), unseen.map { (dot: $0.key, columns: $0.value.sorted()) }.sorted { $0.dot < $1.dot })
    }
}
