import SyncProtocol

extension WireJSON {
    /// Builds the JSON of a pull page from row states that are already JSON (the server's stored
    /// states, which `RowVersionJSON` wrote), copying their bytes instead of decoding and encoding
    /// each row again. The result is the same document `WireJSON.encode(_: PullPage)` writes.
    public struct PullPageBuilder {
        private var rows: EncodedRows
        private var forget: [RowKey] = []
        private var retained: EncodedRows?
        /// Rows appended so far.
        public var rowCount: Int { rows.count }
        /// Rows to forget appended so far.
        public var forgetCount: Int { forget.count }

        /// An empty page; `expectedBytes` reserves room for the rows.
        public init(expectedBytes: Int = 0) {
            rows = EncodedRows(expectedBytes: expectedBytes)
        }

        /// Appends one row state given as the JSON of a `RowVersion`.
        public mutating func appendRow(json: UnsafeRawBufferPointer) {
            rows.append(json: json)
        }

        /// Appends the retained view of a contested row of the page, given as the JSON of a `RowVersion`.
        public mutating func appendRetained(json: UnsafeRawBufferPointer) {
            if retained == nil { retained = EncodedRows(expectedBytes: 1_024) }
            retained!.append(json: json)
        }

        /// Appends a row the pulling replica must forget.
        public mutating func appendForget(_ key: RowKey) {
            forget.append(key)
        }

        /// The page document.
        public func finish(epoch: String, through: UInt64, more: Bool, latestSequence: UInt64) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(rows.bytes.count + 128 + forget.count * 80)
            out.append(contentsOf: #"{"epoch":"#.utf8)
            RowVersionJSON.appendString(epoch, to: &out)
            out.append(contentsOf: #","forget":["#.utf8)
            for (index, key) in forget.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireJSON.appendForget(key, to: &out)
            }
            out.append(contentsOf: #"],"latestSequence":\#(latestSequence),"more":\#(more),"#.utf8)
            if let retained {
                out.append(contentsOf: #""retained":["#.utf8)
                out.append(contentsOf: retained.bytes)
                out.append(contentsOf: "],".utf8)
            }
            out.append(contentsOf: #""rows":["#.utf8)
            out.append(contentsOf: rows.bytes)
            out.append(contentsOf: #"],"through":\#(through)}"#.utf8)
            return out
        }
    }

    static func appendForget(_ key: RowKey, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        RowVersionJSON.appendString(key.id, to: &out)
        out.append(contentsOf: #","table":"#.utf8)
        RowVersionJSON.appendString(key.table, to: &out)
        out.append(UInt8(ascii: "}"))
    }
}
