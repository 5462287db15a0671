import SyncCore

/// What storing a planned write changes besides the row's state, decided the same way by every store.
extension PushPlan.Write {
    /// The sites a row of a table of `privacy` must be forgotten by after this write, given the ones
    /// stored (`formerOwners`): a site-class row whose owner changes, or that the pusher edited after
    /// it was moved away, adds the old owner; the current owner is never among them.
    func formerOwners(after formerOwners: Set<String>, privacy: PrivacyClass) -> Set<String> {
        guard privacy == .site else { return [] }
        var formers = formerOwners
        let owner = merged.owningSite
        if let previousOwner = previous?.owningSite, previousOwner != owner { formers.insert(previousOwner) }
        if let movedAwayFrom { formers.insert(movedAwayFrom) }
        if let owner { formers.remove(owner) }
        return formers
    }

    /// The row's open conflicts this write closes and opens (columns, `_live` for a delete conflict), and
    /// whether the row has none left, so every entry of it goes (including any an older build indexed).
    var conflictChange: (closed: [String], opened: [String], clearsRow: Bool) {
        let before = Set(previous?.conflictingColumns ?? [])
        let after = Set(merged.conflictingColumns)
        let closed = before.subtracting(after).sorted()
        return (closed, after.subtracting(before).sorted(), after.isEmpty && !closed.isEmpty)
    }
}
