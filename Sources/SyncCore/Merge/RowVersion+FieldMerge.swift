import SyncProtocol

extension RowVersion {
    /// Merges the fields of concurrent `remote` into this state's one by one with `Register.merge`
    /// (against this state's clock, not yet raised); a field only one side has keeps that side's
    /// siblings, merged with what the other side implies for it if that side deleted the row
    /// (`absentFieldSiblings`; this state's follows from `liveBefore`, its `live` before the merge).
    ///
    /// Only fields whose siblings change are written, in place by position, so an unchanged field
    /// costs no hashing and no copy. Two versions of a row often hold their fields in the same order
    /// (the JSON reader decodes them into one layout per table), so fields are paired by position
    /// while the names agree, and by name otherwise. Finding out part way is harmless: merging a
    /// field's merged siblings with the same remote siblings again changes nothing.
    mutating func mergeFields(with remote: RowVersion, liveBefore: [Sibling]) {
        guard fields.count == remote.fields.count else {
            mergeFieldsByName(with: remote, liveBefore: liveBefore)
            return
        }
        var index = fields.startIndex
        var remoteIndex = remote.fields.startIndex
        while index != fields.endIndex {
            guard fields.keys[index] == remote.fields.keys[remoteIndex] else {
                mergeFieldsByName(with: remote, liveBefore: liveBefore)
                return
            }
            // Checked here, before the call, so that an unchanged field is not even retained.
            let unchanged = Register.isCertainlyUnchanged(fields.values[index], remote.fields.values[remoteIndex])
            if !unchanged, let changed = Register.mergeIfChanged(
                local: fields.values[index], localClock: clock,
                remote: remote.fields.values[remoteIndex], remoteClock: remote.clock)
            {
                fields.values[index] = changed
            }
            fields.formIndex(after: &index)
            remote.fields.formIndex(after: &remoteIndex)
        }
    }

    /// `mergeFields(with:liveBefore:)` for fields paired by name.
    private mutating func mergeFieldsByName(with remote: RowVersion, liveBefore: [Sibling]) {
        var matched = 0
        let remoteImplied = remote.absentFieldSiblings
        var index = fields.startIndex
        while index != fields.endIndex {
            // A field the remote lacks is one its schema version did not have: it has no opinion on
            // it, unless it deleted the row.
            let remoteSiblings = remote.fields[fields.keys[index]]
            if remoteSiblings != nil { matched += 1 }
            if let remoteSiblings = remoteSiblings ?? remoteImplied, let changed = Register.mergeIfChanged(
                local: fields.values[index], localClock: clock, remote: remoteSiblings, remoteClock: remote.clock)
            {
                fields.values[index] = changed
            }
            fields.formIndex(after: &index)
        }
        // Every remote field matched a local one: none is new here.
        guard matched < remote.fields.count else { return }
        // A field only the remote has is one this state's schema version lacked.
        let absentImplied = Self.absentFieldSiblings(live: liveBefore)
        for (name, siblings) in remote.fields where fields[name] == nil {
            fields[name] = absentImplied.map {
                Register.merge(local: $0, localClock: clock, remote: siblings, remoteClock: remote.clock)
            } ?? siblings
        }
    }
}
