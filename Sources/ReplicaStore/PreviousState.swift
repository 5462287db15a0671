import SyncProtocol

/// What storing a row's new state needs to know of the state it replaces: whether there was one
/// (the domain row is then updated, not inserted) and which of its columns were in conflict (the
/// conflict index changes by the difference).
///
/// Taken before the state is merged in place, so that the merge need not keep a copy of it.
struct PreviousState {
    /// Whether the row had a state.
    let existed: Bool
    /// The columns in conflict in that state, sorted (`RowVersion.conflictingColumns`).
    let conflictingColumns: [String]
    /// Whether that state was a contested delete (`RowVersion.isContestedDelete`): the row may have a
    /// retained view, which must go when the new state is not contested.
    let contested: Bool

    /// What `state` (nil: none) leaves to compare with.
    init(_ state: RowVersion?) {
        existed = state != nil
        conflictingColumns = state?.conflictingColumns ?? []
        contested = state?.isContestedDelete ?? false
    }
}
