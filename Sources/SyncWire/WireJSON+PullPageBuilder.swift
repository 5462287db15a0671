import SyncCore
import SyncProtocol

extension WireJSON {
    /// The one writer of pull page documents: rows are appended (a `RowVersion`, or a state that is
    /// already its JSON, as the server stores it, copied without decoding), then `finish` writes the
    /// document. `WireJSON.encode(_: PullPage)` is this builder over the page's rows.
    public struct PullPageBuilder {
        private var body: DocumentRows
        private var forget: [RowKey] = []
        /// Rows appended so far.
        public var rowCount: Int { body.rows.count }
        /// Rows to forget appended so far.
        public var forgetCount: Int { forget.count }

        /// An empty page; `expectedBytes` reserves room for the rows.
        public init(expectedBytes: Int = 0) {
            body = DocumentRows(expectedBytes: expectedBytes)
        }

        /// Appends `row` as wire JSON, to the rows or (`retained`) to the page's retained views.
        public mutating func appendRow(_ row: RowVersion, retained: Bool = false) {
            body.append(retained: retained) { out in RowVersionJSON.append(row, to: &out) }
        }

        /// Gives the document a `retained` member even when no retained view is appended.
        public mutating func includeRetained() { body.includeRetained() }

        /// Appends one row state given as the JSON of a `RowVersion`, to the rows or (`retained`) to
        /// the page's retained views.
        public mutating func appendRow(json: UnsafeRawBufferPointer, retained: Bool = false) {
            body.append(retained: retained) { out in out.append(contentsOf: json) }
        }

        /// Appends a row the pulling replica must forget.
        public mutating func appendForget(_ key: RowKey) {
            forget.append(key)
        }

        /// The page document.
        public func finish(epoch: String, through: UInt64, more: Bool, latestSequence: UInt64) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(body.rows.bytes.count + 128 + forget.count * 80)
            out.append(contentsOf: #"{"epoch":"#.utf8)
            RowVersionJSON.appendString(epoch, to: &out)
            out.append(contentsOf: #","forget":["#.utf8)
            for (index, key) in forget.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireJSON.appendForget(key, to: &out)
            }
            out.append(contentsOf: #"],"latestSequence":\#(latestSequence),"more":\#(more),"#.utf8)
            body.appendMembers(to: &out)
            out.append(contentsOf: #","through":\#(through)}"#.utf8)
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
