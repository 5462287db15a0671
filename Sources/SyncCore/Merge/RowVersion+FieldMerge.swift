import SyncProtocol

extension RowVersion {
    /// The fields of concurrent `local` and `remote` merged one by one with `Register.merge`; a field
    /// only one side has is merged against no siblings.
    ///
    /// The result starts as `local.fields` and only fields whose siblings change are written, in place
    /// by position, so an unchanged field costs no hashing and no copy. Two versions of a row often
    /// hold their fields in the same order (one derives from the other), so fields are paired by
    /// position while the names agree, and by name otherwise.
    static func mergedFields(local: RowVersion, remote: RowVersion) -> [String: [Sibling]] {
        var fields = local.fields
        guard local.fields.count == remote.fields.count else {
            mergeFieldsByName(into: &fields, local: local, remote: remote)
            return fields
        }
        var index = local.fields.startIndex
        var remoteIndex = remote.fields.startIndex
        while index != local.fields.endIndex {
            guard local.fields.keys[index] == remote.fields.keys[remoteIndex] else {
                // Not the same order after all: the fields written so far are merged again, alike.
                mergeFieldsByName(into: &fields, local: local, remote: remote)
                return fields
            }
            // Checked here, before the call, so that an unchanged field is not even retained.
            let unchanged = Register.isCertainlyUnchanged(
                local.fields.values[index], remote.fields.values[remoteIndex])
            if !unchanged, let changed = Register.mergeIfChanged(
                local: local.fields.values[index], localClock: local.clock,
                remote: remote.fields.values[remoteIndex], remoteClock: remote.clock)
            {
                fields.values[index] = changed
            }
            local.fields.formIndex(after: &index)
            remote.fields.formIndex(after: &remoteIndex)
        }
        return fields
    }

    /// `mergedFields` for fields paired by name: `fields` starts as `local.fields`.
    private static func mergeFieldsByName(
        into fields: inout [String: [Sibling]], local: RowVersion, remote: RowVersion
    ) {
        var matched = 0
        var index = local.fields.startIndex
        while index != local.fields.endIndex {
            let (name, siblings) = local.fields[index]
            let remoteSiblings = remote.fields[name]
            if remoteSiblings != nil { matched += 1 }
            if let changed = Register.mergeIfChanged(
                local: siblings, localClock: local.clock, remote: remoteSiblings ?? [], remoteClock: remote.clock)
            {
                fields.values[index] = changed
            }
            local.fields.formIndex(after: &index)
        }
        // Every remote field matched a local one: none is new here.
        guard matched < remote.fields.count else { return }
        for (name, siblings) in remote.fields where local.fields[name] == nil {
            fields[name] = Register.merge(
                local: [], localClock: local.clock, remote: siblings, remoteClock: remote.clock)
        }
    }
}
