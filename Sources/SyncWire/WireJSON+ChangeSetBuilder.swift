import SyncCore
import SyncProtocol

extension WireJSON {
    /// The one writer of change set documents: rows are appended (a `RowVersion`, or a replica's
    /// stored row state turned into wire JSON token by token without decoding it), then `finish`
    /// writes the document. `WireJSON.encode(_: ChangeSet)` is this builder over the set's rows.
    public struct ChangeSetBuilder {
        private var body: DocumentRows
        /// Rows appended so far.
        public var rowCount: Int { body.rows.count }

        /// An empty change set; `expectedBytes` reserves room for the rows.
        public init(expectedBytes: Int = 0) {
            body = DocumentRows(expectedBytes: expectedBytes)
        }

        /// Appends `row` as wire JSON, to the rows or (`retained`) to the set's retained views.
        public mutating func appendRow(_ row: RowVersion, retained: Bool = false) {
            body.append(retained: retained) { out in RowVersionJSON.append(row, to: &out) }
        }

        /// Gives the document a `retained` member even when no retained view is appended.
        public mutating func includeRetained() { body.includeRetained() }

        /// Appends the row whose state a replica stored as `state` (`RowStateJSON`), as wire JSON, to
        /// the rows or (`retained`) to the set's retained views.
        ///
        /// - Throws: `RowVersionJSON.Malformed` when the bytes are not a state of that row.
        public mutating func appendRow(state: UnsafeRawBufferPointer, table: String, id: String, retained: Bool = false)
            throws(RowVersionJSON.Malformed)
        {
            try body.append(retained: retained) { out throws(RowVersionJSON.Malformed) in
                try RowStateJSON.appendWireJSON(of: state, table: table, id: id, to: &out)
            }
        }

        /// The change set document of the rows appended, with this header (`format` and
        /// `protocolVersion` are today's unless given).
        public func finish(
            schemaVersion: Int, origin: ReplicaID, site: String, since: UInt64 = 0, through: UInt64 = 0,
            format: String = ChangeSet.formatName, protocolVersion: Int = ProtocolVersion.current
        ) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(body.rows.bytes.count + (body.retained?.bytes.count ?? 0) + 256)
            out.append(contentsOf: #"{"format":"#.utf8)
            RowVersionJSON.appendString(format, to: &out)
            out.append(contentsOf: #","origin":"#.utf8)
            RowVersionJSON.appendString(origin.rawValue, to: &out)
            out.append(contentsOf: #","protocolVersion":\#(protocolVersion),"#.utf8)
            body.appendMembers(to: &out)
            out.append(contentsOf: #","schemaVersion":\#(schemaVersion),"since":\#(since),"site":"#.utf8)
            RowVersionJSON.appendString(site, to: &out)
            out.append(contentsOf: #","through":\#(through)}"#.utf8)
            return out
        }
    }
}
