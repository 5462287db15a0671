import SyncCore
import SyncProtocol

/// A fast hand-written JSON codec for one `RowVersion`, producing and reading the same document as
/// its `Codable` form (`{"table":…,"id":…,"clock":{…},"live":[…],"fields":{…}}`, siblings as
/// `[replica, counter, value]`). Used for every row state the replica and the server store, where
/// Foundation's coders were the hot spot (see BENCHMARKS.md).
public enum RowVersionJSON {
    /// Why bytes are not a row version.
    public struct Malformed: Error, CustomStringConvertible {
        /// What was wrong and where.
        public let description: String
    }

    /// The row version as compact JSON.
    public static func encode(_ row: RowVersion) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        append(row, to: &out)
        return out
    }

    /// Appends the row version as compact JSON to `out`.
    public static func append(_ row: RowVersion, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"table":"#.utf8)
        appendString(row.table, to: &out)
        out.append(contentsOf: #","id":"#.utf8)
        appendString(row.id, to: &out)
        out.append(contentsOf: #","clock":{"#.utf8)
        var first = true
        for entry in row.clock.entries {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendString(entry.replica.rawValue, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: String(entry.counter).utf8)
        }
        out.append(contentsOf: #"},"live":"#.utf8)
        appendSiblings(row.live, to: &out)
        out.append(contentsOf: #","fields":{"#.utf8)
        first = true
        for (name, siblings) in row.fields {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            appendSiblings(siblings, to: &out)
        }
        out.append(contentsOf: "}}".utf8)
    }

    private static func appendSiblings(_ siblings: [Sibling], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, sibling) in siblings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            appendString(sibling.dot.replica.rawValue, to: &out)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: String(sibling.dot.counter).utf8)
            out.append(UInt8(ascii: ","))
            appendValue(sibling.value, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }

    static func appendValue(_ value: FieldValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .integer(let integer): out.append(contentsOf: String(integer).utf8)
        case .real(let real):
            // As JSONEncoder writes doubles: integral values without a fraction (2.0 → 2).
            if real.isFinite, real == real.rounded(), abs(real) < 9_007_199_254_740_992 {
                out.append(contentsOf: String(Int64(real)).utf8)
            } else if real.isFinite {
                out.append(contentsOf: "\(real)".utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .text(let text): appendString(text, to: &out)
        }
    }

    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escape: copy its bytes at once.
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            out.append(contentsOf: utf8)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        appendEscaped(text, to: &out)
    }

    private static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0a: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0d: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Reads a row version written by `encode` or by JSONEncoder. Unknown keys are skipped.
    ///
    /// - Throws: `Malformed` for anything else.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(Malformed) -> RowVersion {
        var reader = JSONReader(bytes: bytes)
        let row = try reader.rowVersion()
        reader.skipSpace()
        guard reader.atEnd else { throw reader.fail("trailing bytes after the row version") }
        return row
    }

    /// Reads a row version from `bytes`.
    ///
    /// - Throws: `Malformed` when they are not one.
    public static func decode(_ bytes: [UInt8]) throws -> RowVersion {
        try bytes.withUnsafeBytes { buffer in try decode(buffer) }
    }
}
