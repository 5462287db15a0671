import SyncCore
import SyncProtocol

extension JSONReader {
    /// Writes the wire JSON of the compact stored state at the reader (see `RowStateJSON`) of row
    /// `table`/`id` to `out`, copying its strings and numbers as they are: no row version is built
    /// (a push turns every state it sends into wire JSON).
    mutating func copyRowStateAsWireJSON(table: String, id: String, to out: inout [UInt8])
        throws(RowVersionJSON.Malformed)
    {
        out.append(contentsOf: #"{"table":"#.utf8)
        RowVersionJSON.appendString(table, to: &out)
        out.append(contentsOf: #","id":"#.utf8)
        RowVersionJSON.appendString(id, to: &out)
        out.append(contentsOf: #","clock":"#.utf8)
        try expect(UInt8(ascii: "["))
        let replicas = try copyClock(to: &out)
        out.append(contentsOf: #","live":"#.utf8)
        try expect(UInt8(ascii: ","))
        let own = try copySiblings(replicas, to: &out)
        out.append(contentsOf: #","fields":{"#.utf8)
        try expect(UInt8(ascii: ","))
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            var first = true
            while true {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: try stringToken().token)
                try expect(UInt8(ascii: ":"))
                out.append(UInt8(ascii: ":"))
                if peek() == UInt8(ascii: "[") {
                    _ = try copySiblings(replicas, to: &out)
                } else {
                    guard let own else { throw fail("a bare field value in a state without a single live sibling") }
                    out.append(contentsOf: "[[".utf8)
                    out.append(contentsOf: own.replica)
                    out.append(UInt8(ascii: ","))
                    out.append(contentsOf: own.counter)
                    out.append(UInt8(ascii: ","))
                    out.append(contentsOf: try scalarToken())
                    out.append(contentsOf: "]]".utf8)
                }
                switch peek() {
                case UInt8(ascii: ","): position += 1; continue
                case UInt8(ascii: "}"): position += 1
                default: throw fail("expected ',' or '}'")
                }
                break
            }
        }
        try expect(UInt8(ascii: "]"))
        out.append(contentsOf: "}}".utf8)
    }

    /// Copies the clock object (already in its wire form) and returns its replicas' string tokens,
    /// in the order written (the order the compact form's positions count in).
    private mutating func copyClock(to out: inout [UInt8]) throws(RowVersionJSON.Malformed) -> [UnsafeRawBufferPointer] {
        skipSpace()
        let start = position
        var replicas: [UnsafeRawBufferPointer] = []
        var plain = true
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                let (replica, replicaIsPlain) = try stringToken()
                plain = plain && replicaIsPlain
                // Plain ids are equal when their bytes are; others are compared as the text they spell.
                let twice = plain
                    ? replicas.contains { $0.elementsEqual(replica) }
                    : replicas.contains { Self.text(of: $0) == Self.text(of: replica) }
                guard !twice else { throw fail("replica \(Self.text(of: replica)) twice in a clock") }
                replicas.append(replica)
                try expect(UInt8(ascii: ":"))
                _ = try unsigned()
                switch peek() {
                case UInt8(ascii: ","): position += 1; continue
                case UInt8(ascii: "}"): position += 1
                default: throw fail("expected ',' or '}'")
                }
                break
            }
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        return replicas
    }

    /// Copies `[[replica, counter, value], ...]` with each replica position replaced by its string
    /// token; returns the dot of the only sibling when there is exactly one.
    private mutating func copySiblings(_ replicas: [UnsafeRawBufferPointer], to out: inout [UInt8])
        throws(RowVersionJSON.Malformed) -> (replica: UnsafeRawBufferPointer, counter: UnsafeRawBufferPointer)?
    {
        var only: (replica: UnsafeRawBufferPointer, counter: UnsafeRawBufferPointer)?
        var count = 0
        out.append(UInt8(ascii: "["))
        try array { reader throws(RowVersionJSON.Malformed) in
            if count > 0 { out.append(UInt8(ascii: ",")) }
            count += 1
            try reader.expect(UInt8(ascii: "["))
            let replica: UnsafeRawBufferPointer
            if let position = try reader.replicaPosition(among: replicas.count) {
                replica = replicas[position]
            } else {
                replica = try reader.stringToken().token
            }
            try reader.expect(UInt8(ascii: ","))
            reader.skipSpace()
            let counterStart = reader.position
            _ = try reader.unsigned()
            let counter = UnsafeRawBufferPointer(rebasing: reader.bytes[counterStart..<reader.position])
            try reader.expect(UInt8(ascii: ","))
            let value = try reader.scalarToken()
            try reader.expect(UInt8(ascii: "]"))
            out.append(UInt8(ascii: "["))
            out.append(contentsOf: replica)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: counter)
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: value)
            out.append(UInt8(ascii: "]"))
            only = (replica, counter)
        }
        out.append(UInt8(ascii: "]"))
        return count == 1 ? only : nil
    }

    /// The bytes of the JSON string at the reader, quotes included, escapes left as they are, and
    /// whether it is plain (ASCII without escapes: its bytes are its text). A string that is not
    /// plain is checked as `string()` reads it (escapes, UTF-8).
    mutating func stringToken() throws(RowVersionJSON.Malformed) -> (token: UnsafeRawBufferPointer, plain: Bool) {
        skipSpace()
        let start = position
        try expect(UInt8(ascii: "\""))
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return (UnsafeRawBufferPointer(rebasing: bytes[start..<position]), true)
            case UInt8(ascii: "\\"), 0x80...:
                position = start
                _ = try string()
                return (UnsafeRawBufferPointer(rebasing: bytes[start..<position]), false)
            case 0..<0x20: throw fail("control character in a string")
            default: position += 1
            }
        }
        throw fail("unterminated string")
    }

    /// The text a checked string token spells.
    private static func text(of token: UnsafeRawBufferPointer) -> String {
        var reader = JSONReader(bytes: token)
        return (try? reader.string()) ?? ""
    }

    /// The bytes of the field value at the reader: a string as `stringToken()` finds it, null or a
    /// number as `fieldValue()` reads them.
    mutating func scalarToken() throws(RowVersionJSON.Malformed) -> UnsafeRawBufferPointer {
        if peek() == UInt8(ascii: "\"") { return try stringToken().token }
        let start = position
        _ = try fieldValue()
        return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
    }
}
