import SyncProtocol

extension Catalog {
    /// Whether `site` may resolve the conflicts of `row`: the central office resolves every
    /// conflict; on its own site-class rows a site may too; shared rows are the central office's alone.
    public func site(_ site: String, mayResolve row: RowVersion) -> Bool {
        if site == Self.centralSite { return true }
        guard table(named: row.table)?.privacy == .site else { return false }
        return row.owningSite == site
    }

    /// Who may resolve the conflicts of `row`, in words (for refusals).
    public func whoMayResolve(_ row: RowVersion) -> String {
        guard table(named: row.table)?.privacy == .site, let owner = row.owningSite, owner != Self.centralSite else {
            return "only the central office (\(Self.centralSite)) resolves conflicts on shared rows"
        }
        return "only site \(owner) or the central office (\(Self.centralSite)) resolves conflicts on this row"
    }
}

extension RowVersion {
    /// The columns (`_live` for the row's existence) whose open conflict in `stored` this version
    /// resolves, wholly or in part: it has seen sides of the conflict that disagree and keeps fewer
    /// of them than it has seen. A version that has seen one side only, or sides that agree, and
    /// writes over them (an office editing its own value, not knowing the other) resolves nothing:
    /// its value is one more side. (What the writer saw of a conflict was a conflict in its own
    /// state too, which `keepingConflicts` keeps whole.)
    ///
    /// A version without the column (written on an older schema version) has no opinion on it and
    /// resolves nothing there, unless it deleted the row (`absentFieldSiblings`).
    public func columnsResolving(conflictsOf stored: RowVersion) -> [String] {
        stored.conflictingColumns.filter { column in
            guard column == Self.liveColumn || fields[column] != nil || absentFieldSiblings != nil else { return false }
            let sides = stored.register(column)
            let seen = sides.filter { clock.covers($0.dot) }
            guard Set(seen.map(\.value)).count >= 2 else { return false }
            let kept = Set(register(column).map(\.dot))
            return seen.contains { !kept.contains($0.dot) }
        }
    }

    /// This version, made by a writer that may not resolve the row's conflicts, with every side of
    /// the conflicts of `previous` kept beside the writer's new value: the write becomes one more
    /// side instead of settling the conflict.
    public func keepingConflicts(of previous: RowVersion) -> RowVersion {
        var version = self
        // Every register whose sides disagree, field by field: a contested delete lists only
        // `_live` among its conflicting columns, but its fields hold the delete's and the edit's sides.
        let disagreeing = previous.fields.filter { Register.isConflict($0.value) }.map(\.key)
            + (Register.isConflict(previous.live) ? [Self.liveColumn] : [])
        for column in disagreeing {
            let fresh = register(column).filter { !previous.clock.covers($0.dot) }
            guard !fresh.isEmpty else { continue }
            let kept = (previous.register(column) + fresh).sorted { $0.dot < $1.dot }
            if column == Self.liveColumn { version.live = kept } else { version.fields[column] = kept }
        }
        return version
    }

    /// The siblings of `column` (`_live`: the row's existence; for a column this version lacks,
    /// what it implies: `absentFieldSiblings`).
    func register(_ column: String) -> [Sibling] {
        column == Self.liveColumn ? live : (fields[column] ?? absentFieldSiblings ?? [])
    }
}
