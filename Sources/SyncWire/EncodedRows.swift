import SyncCore
/// Row states that are already JSON, joined with commas: the body of a wire document's `rows` array,
/// built by copying bytes (see `WireJSON.ChangeSetBuilder` and `WireJSON.PullPageBuilder`).
struct EncodedRows {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    init(expectedBytes: Int) {
        bytes.reserveCapacity(expectedBytes)
    }

    mutating func append(json: UnsafeRawBufferPointer) {
        if count > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: json)
        count += 1
    }

    /// Appends a row that `write` writes (as JSON) to the end of the bytes; on error the bytes are
    /// as they were.
    mutating func append<Failure: Error>(_ write: (inout [UInt8]) throws(Failure) -> Void) throws(Failure) {
        let before = bytes.count
        if count > 0 { bytes.append(UInt8(ascii: ",")) }
        do {
            try write(&bytes)
        } catch {
            bytes.removeSubrange(before...)
            throw error
        }
        count += 1
    }
}

/// The `retained` and `rows` arrays of a wire document being built (both documents have them, in
/// that order), each a list of rows already JSON.
struct DocumentRows {
    private(set) var rows: EncodedRows
    private(set) var retained: EncodedRows?

    init(expectedBytes: Int) {
        rows = EncodedRows(expectedBytes: expectedBytes)
    }

    /// Gives the document a `retained` member even when no retained view is appended.
    mutating func includeRetained() {
        if retained == nil { retained = EncodedRows(expectedBytes: 1_024) }
    }

    /// Appends what `write` writes to the rows, or to the retained views; on error nothing.
    mutating func append<Failure: Error>(retained toRetained: Bool, _ write: (inout [UInt8]) throws(Failure) -> Void)
        throws(Failure)
    {
        guard toRetained else { return try rows.append(write) }
        includeRetained()
        try retained!.append(write)
    }

    /// Writes `"retained":[…],` (when the document has it) and `"rows":[…]`.
    func appendMembers(to out: inout [UInt8]) {
        if let retained {
            out.append(contentsOf: #""retained":["#.utf8)
            out.append(contentsOf: retained.bytes)
            out.append(contentsOf: "],".utf8)
        }
        out.append(contentsOf: #""rows":["#.utf8)
        out.append(contentsOf: rows.bytes)
        out.append(UInt8(ascii: "]"))
    }
}
