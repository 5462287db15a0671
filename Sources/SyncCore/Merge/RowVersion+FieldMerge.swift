import SyncProtocol

extension RowVersion {
    /// Merges the fields of concurrent `remote` into this state's one by one with `Register.merge`
    /// (against this state's clock, not yet raised); a field only one side has keeps that side's
    /// siblings (the other side's schema version lacked it: `adoptFields(absentHereFrom:)`).
    ///
    /// Only fields whose siblings change are written, in place by position, so an unchanged field
    /// costs no hashing and no copy. Two versions of a row often hold their fields in the same order
    /// (the JSON reader decodes them into one layout per table), so fields are paired by position
    /// while the names agree, and by name otherwise. Finding out part way is harmless: merging a
    /// field's merged siblings with the same remote siblings again changes nothing.
    mutating func mergeFields(with remote: RowVersion) {
        guard fields.count == remote.fields.count else {
            mergeFieldsByName(with: remote)
            return
        }
        var index = fields.startIndex
        var remoteIndex = remote.fields.startIndex
        while index != fields.endIndex {
            guard fields.keys[index] == remote.fields.keys[remoteIndex] else {
                mergeFieldsByName(with: remote)
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

    /// `mergeFields(with:)` for fields paired by name.
    private mutating func mergeFieldsByName(with remote: RowVersion) {
        var matched = 0
        var index = fields.startIndex
        while index != fields.endIndex {
            // A field the remote lacks is one its schema version did not have: it has no opinion on it.
            if let remoteSiblings = remote.fields[fields.keys[index]] {
                matched += 1
                if let changed = Register.mergeIfChanged(
                    local: fields.values[index], localClock: clock, remote: remoteSiblings, remoteClock: remote.clock)
                {
                    fields.values[index] = changed
                }
            }
            fields.formIndex(after: &index)
        }
        // Every remote field matched a local one: none is new here.
        guard matched < remote.fields.count else { return }
        // A field only the remote has is one this state's schema version lacked: the remote's stands.
        for (name, siblings) in remote.fields where fields[name] == nil {
            fields[name] = siblings
        }
    }
}
