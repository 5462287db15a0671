import SyncProtocol

extension WireJSON {
    /// Builds the JSON of a change set from a replica's stored row states (`RowStateJSON`), turning
    /// each into wire JSON token by token (or copying one stored as wire JSON) instead of decoding and
    /// encoding it. The result is the same document `WireJSON.encode(_: ChangeSet)` writes.
    public struct ChangeSetBuilder {
        private var rows: EncodedRows
        private var retained: EncodedRows?
        /// Rows appended so far.
        public var rowCount: Int { rows.count }

        /// An empty change set; `expectedBytes` reserves room for the rows.
        public init(expectedBytes: Int = 0) {
            rows = EncodedRows(expectedBytes: expectedBytes)
        }

        /// Appends the row whose state a replica stored as `state` (`RowStateJSON`), as wire JSON.
        ///
        /// - Throws: `RowVersionJSON.Malformed` when the bytes are not a state of that row.
        public mutating func appendRow(state: UnsafeRawBufferPointer, table: String, id: String)
            throws(RowVersionJSON.Malformed)
        {
            try rows.append { out throws(RowVersionJSON.Malformed) in
                try RowStateJSON.appendWireJSON(of: state, table: table, id: id, to: &out)
            }
        }

        /// Appends the retained view of a row of the set, stored by a replica as `state`
        /// (`RowStateJSON`), as wire JSON.
        ///
        /// - Throws: `RowVersionJSON.Malformed` when the bytes are not a state of that row.
        public mutating func appendRetained(state: UnsafeRawBufferPointer, table: String, id: String)
            throws(RowVersionJSON.Malformed)
        {
            if retained == nil { retained = EncodedRows(expectedBytes: 1_024) }
            try retained!.append { out throws(RowVersionJSON.Malformed) in
                try RowStateJSON.appendWireJSON(of: state, table: table, id: id, to: &out)
            }
        }

        /// The change set document of the rows appended, with this header.
        public func finish(schemaVersion: Int, origin: ReplicaID, site: String, since: UInt64 = 0, through: UInt64 = 0)
            -> [UInt8]
        {
            var out: [UInt8] = []
            out.reserveCapacity(rows.bytes.count + 256)
            out.append(contentsOf: #"{"format":"#.utf8)
            RowVersionJSON.appendString(ChangeSet.formatName, to: &out)
            out.append(contentsOf: #","origin":"#.utf8)
            RowVersionJSON.appendString(origin.rawValue, to: &out)
            out.append(contentsOf: #","protocolVersion":\#(ProtocolVersion.current),"#.utf8)
            if let retained {
                out.append(contentsOf: #""retained":["#.utf8)
                out.append(contentsOf: retained.bytes)
                out.append(contentsOf: "],".utf8)
            }
            out.append(contentsOf: #""rows":["#.utf8)
            out.append(contentsOf: rows.bytes)
            out.append(contentsOf: #"],"schemaVersion":\#(schemaVersion),"since":\#(since),"site":"#.utf8)
            RowVersionJSON.appendString(site, to: &out)
            out.append(contentsOf: #","through":\#(through)}"#.utf8)
            return out
        }
    }
}
