import SyncCore
import SyncProtocol

/// The compact JSON a replica stores a row's state as (`_fl_row.state`): the row version without
/// its table and id (the row's key holds them), each dot naming its replica by position in the
/// clock, and a field set by the row's own write (the dot of its single `live` sibling) written as
/// its bare value:
///
/// ```
/// [{"k3v5q2m7x9t4w8r2c6n1":17,"p8w2n4c6v1b3x5z7m9q2":4},[[0,17,1]],{"name":[[0,17,"Iride"],[1,4,"Coop. Iride"]],"role":"partner"}]
/// ```
///
/// A sibling is `[replica, counter, value]`, the replica being its index among the clock's entries
/// (sorted by replica id) or, for a replica the clock does not name, its id as a string. A field is
/// either a bare value (one sibling, the row's own dot) or its array of siblings: values are never
/// arrays, so the two cannot be confused. A state of a uniform row is about half its wire JSON,
/// which is most of what a pull writes besides the domain row (see BENCHMARKS.md, round 6).
///
/// Replicas created before this form hold wire JSON (`RowVersionJSON`, an object): `decode` reads both.
public enum RowStateJSON {
    /// The state in the compact form.
    public static func encode(_ row: RowVersion) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(192)
        let entries = row.clock.entries
        out.append(contentsOf: "[{".utf8)
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            RowVersionJSON.appendString(entry.replica.rawValue, to: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: String(entry.counter).utf8)
        }
        out.append(contentsOf: "},".utf8)
        appendSiblings(row.live, entries: entries, to: &out)
        out.append(contentsOf: ",{".utf8)
        let own = row.live.count == 1 ? row.live[0].dot : nil
        var first = true
        for (name, siblings) in row.fields {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            RowVersionJSON.appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            if siblings.count == 1, let own, siblings[0].dot == own {
                RowVersionJSON.appendValue(siblings[0].value, to: &out)
            } else {
                appendSiblings(siblings, entries: entries, to: &out)
            }
        }
        out.append(contentsOf: "}]".utf8)
        return out
    }

    private static func appendSiblings(_ siblings: [Sibling], entries: [VersionVector.Entry], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, sibling) in siblings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            if let position = entries.firstIndex(where: { $0.replica == sibling.dot.replica }) {
                out.append(contentsOf: String(position).utf8)
            } else {
                RowVersionJSON.appendString(sibling.dot.replica.rawValue, to: &out)
            }
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: String(sibling.dot.counter).utf8)
            out.append(UInt8(ascii: ","))
            RowVersionJSON.appendValue(sibling.value, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
    }

    /// The state of row `table`/`id` stored as `bytes`, in the compact form or as wire JSON.
    ///
    /// - Throws: `RowVersionJSON.Malformed` when the bytes are neither, or name another row.
    public static func decode(_ bytes: UnsafeRawBufferPointer, table: String, id: String)
        throws(RowVersionJSON.Malformed) -> RowVersion
    {
        var reader = JSONReader(bytes: bytes)
        if reader.peek() == UInt8(ascii: "{") {
            let row = try RowVersionJSON.decode(bytes)
            guard row.table == table, row.id == id else {
                throw RowVersionJSON.Malformed(description: "the state stored for \(table)/\(id) is \(row.table)/\(row.id)'s")
            }
            return row
        }
        let row = try reader.rowState(table: table, id: id)
        reader.skipSpace()
        guard reader.atEnd else { throw reader.fail("trailing bytes after the row state") }
        return row
    }

    /// Appends the wire JSON (`RowVersionJSON`) of the state stored as `bytes` to `out`: bytes of
    /// the older form are copied as they are, the compact form is rewritten token by token (no row
    /// version is built).
    ///
    /// - Throws: `RowVersionJSON.Malformed` when the bytes are not a state (`out` may then hold
    ///   part of one: callers drop it).
    public static func appendWireJSON(
        of bytes: UnsafeRawBufferPointer, table: String, id: String, to out: inout [UInt8]
    ) throws(RowVersionJSON.Malformed) {
        var reader = JSONReader(bytes: bytes)
        if reader.peek() == UInt8(ascii: "{") {
            out.append(contentsOf: bytes)
            return
        }
        try reader.copyRowStateAsWireJSON(table: table, id: id, to: &out)
        reader.skipSpace()
        guard reader.atEnd else { throw reader.fail("trailing bytes after the row state") }
    }
}
