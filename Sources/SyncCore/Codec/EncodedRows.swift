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
}
