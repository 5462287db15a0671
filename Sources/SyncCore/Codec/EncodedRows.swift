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
