import SyncCore
import SyncProtocol

/// A cursor over JSON bytes that reads exactly the shapes of a row version.
struct JSONReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0
    /// The replica ids read so far (see `replicaID()`).
    private var recentReplicas: [ReplicaID] = []

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    func fail(_ message: String) -> RowVersionJSON.Malformed {
        RowVersionJSON.Malformed(description: "\(message) at byte \(position)")
    }

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0a, 0x0d, 0x09: position += 1
            default: return
            }
        }
    }

    mutating func peek() -> UInt8? {
        skipSpace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8) throws(RowVersionJSON.Malformed) {
        guard peek() == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    /// Reads `{ "key": value, ... }`, calling `member` with each key (positioned at its value).
    mutating func object(_ member: (inout JSONReader, String) throws(RowVersionJSON.Malformed) -> Void)
        throws(RowVersionJSON.Malformed)
    {
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") { position += 1; return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return
            default: throw fail("expected ',' or '}'")
            }
        }
    }

    /// Reads `[ element, ... ]`, calling `element` positioned at each element.
    mutating func array(_ element: (inout JSONReader) throws(RowVersionJSON.Malformed) -> Void)
        throws(RowVersionJSON.Malformed)
    {
        try expect(UInt8(ascii: "["))
        if peek() == UInt8(ascii: "]") { position += 1; return }
        while true {
            try element(&self)
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"): position += 1; return
            default: throw fail("expected ',' or ']'")
            }
        }
    }

    mutating func string() throws(RowVersionJSON.Malformed) -> String {
        let (start, end, ascii) = try plainStringBounds()
        guard end >= 0 else { return try escapedString(from: start) }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        // ASCII is valid UTF-8, so only other text pays for validation.
        if ascii { return String(decoding: raw, as: UTF8.self) }
        guard let text = String(validating: raw, as: UTF8.self) else { throw fail("a string is not valid UTF-8") }
        return text
    }

    /// A replica id: the same few ids recur in every sibling, so each is made once per document and
    /// shared (no allocation per sibling), and interned for the process, so equal ids of different
    /// documents (the local and the remote version of a row) also share storage and compare by identity.
    mutating func replicaID() throws(RowVersionJSON.Malformed) -> ReplicaID {
        let (start, end, ascii) = try plainStringBounds()
        guard end >= 0, ascii else {
            position = start - 1
            return ReplicaID(try string())
        }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        for known in recentReplicas where known.rawValue.utf8.count == raw.count {
            let same = known.rawValue.utf8.withContiguousStorageIfAvailable { stored in
                stored.elementsEqual(raw)
            }
            if same == true { return known }
        }
        let text = String(decoding: raw, as: UTF8.self)
        let replica = Self.knownReplicas.intern(ReplicaID(text), for: text)
        if recentReplicas.count == Self.recentReplicaLimit { recentReplicas.removeFirst() }
        recentReplicas.append(replica)
        return replica
    }

    /// How many distinct replica ids `replicaID()` remembers.
    static let recentReplicaLimit = 8

    /// The replica ids of the process, by text (a deployment has a few hundred replicas at most).
    private static let knownReplicas = SharedTable<String, ReplicaID>(limit: 4_096)

    /// Reads past a string's opening quote to its closing one. Returns its bytes' bounds and whether
    /// they are all ASCII; `end` is -1 (position left at `start`) when the string has escapes.
    private mutating func plainStringBounds() throws(RowVersionJSON.Malformed) -> (start: Int, end: Int, ascii: Bool) {
        try expect(UInt8(ascii: "\""))
        let start = position
        var high: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return (start, position - 1, high < 0x80)
            }
            if byte == UInt8(ascii: "\\") { return (start, -1, false) }
            if byte < 0x20 { throw fail("control character in a string") }
            high |= byte
            position += 1
        }
        throw fail("unterminated string")
    }

    private mutating func escapedString(from start: Int) throws(RowVersionJSON.Malformed) -> String {
        var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else { throw fail("a string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw fail("unterminated escape") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0c)
                case UInt8(ascii: "n"): out.append(0x0a)
                case UInt8(ascii: "r"): out.append(0x0d)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw fail("unpaired surrogate") }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw fail("invalid escape")
                }
            default:
                if byte < 0x20 { throw fail("control character in a string") }
                out.append(byte)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func hex4() throws(RowVersionJSON.Malformed) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            position += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A JSON number's text.
    private mutating func numberText() throws(RowVersionJSON.Malformed) -> (text: String, integral: Bool) {
        skipSpace()
        let start = position
        var integral = true
        while position < bytes.count {
            let byte = bytes[position]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") {
                position += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || byte == UInt8(ascii: "+")
            {
                integral = false
                position += 1
            } else {
                break
            }
        }
        guard position > start else { throw fail("expected a number") }
        return (String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self), integral)
    }

    mutating func unsigned() throws(RowVersionJSON.Malformed) -> UInt64 {
        if let value = plainUnsigned() { return value }
        let (text, integral) = try numberText()
        guard integral, let value = UInt64(text) else { throw fail("expected a counter") }
        return value
    }

    /// Reads up to 18 decimal digits ending the number (the common counter), or returns nil and
    /// moves nothing, leaving anything longer or fancier to the general path.
    private mutating func plainUnsigned() -> UInt64? {
        skipSpace()
        var cursor = position
        var value: UInt64 = 0
        while cursor < bytes.count, cursor - position < 18 {
            let digit = bytes[cursor] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ UInt64(digit)
            cursor += 1
        }
        guard cursor > position else { return nil }
        if cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                UInt8(ascii: "+"), UInt8(ascii: "-"):
                return nil
            default: break
            }
        }
        position = cursor
        return value
    }

    /// A field value as `FieldValue`'s Codable form reads it: null, an integer, a double or a string.
    mutating func fieldValue() throws(RowVersionJSON.Malformed) -> FieldValue {
        switch peek() {
        case UInt8(ascii: "\""): return .text(try string())
        case UInt8(ascii: "n"):
            guard position + 4 <= bytes.count, bytes[position + 1] == UInt8(ascii: "u"),
                bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l")
            else { throw fail("expected null") }
            position += 4
            return .null
        default:
            let (text, integral) = try numberText()
            if integral, let integer = Int64(text) { return .integer(integer) }
            if let real = Double(text) {
                if !integral, real == real.rounded(), abs(real) < 0x1p63, let integer = Int64(exactly: real) {
                    return .integer(integer)  // as JSONDecoder: 2.0 decodes as the integer 2
                }
                return .real(real)
            }
            throw fail("invalid number")
        }
    }

    /// How deeply an unknown value may nest before the reader refuses it: a bound on recursion, so
    /// a crafted document cannot overflow the stack.
    static let maximumSkipDepth = 64

    /// Skips any JSON value (for unknown keys), nested at most `maximumSkipDepth` levels.
    mutating func skipValue(depth: Int = 0) throws(RowVersionJSON.Malformed) {
        guard depth < Self.maximumSkipDepth else {
            throw fail("a value is nested deeper than \(Self.maximumSkipDepth) levels")
        }
        switch peek() {
        case UInt8(ascii: "{"):
            try object { reader, _ throws(RowVersionJSON.Malformed) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try array { reader throws(RowVersionJSON.Malformed) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            while position < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[position]) { position += 1 }
        default: _ = try fieldValue()
        }
    }

    /// `[[replica, counter, value], ...]`; with `replicas` (a compact stored state's clock, see
    /// `RowStateJSON`) a replica may also be its position among them.
    mutating func siblings(replicas: [ReplicaID]? = nil) throws(RowVersionJSON.Malformed) -> [Sibling] {
        var siblings: [Sibling] = []
        try array { reader throws(RowVersionJSON.Malformed) in
            try reader.expect(UInt8(ascii: "["))
            let replica: ReplicaID
            if let replicas, let position = try reader.replicaPosition(among: replicas.count) {
                replica = replicas[position]
            } else {
                replica = try reader.replicaID()
            }
            try reader.expect(UInt8(ascii: ","))
            let counter = try reader.unsigned()
            try reader.expect(UInt8(ascii: ","))
            let value = try reader.fieldValue()
            try reader.expect(UInt8(ascii: "]"))
            siblings.append(Sibling(dot: Dot(replica: replica, counter: counter), value: value))
        }
        return siblings
    }

    /// A version vector's `{"replica": counter, ...}`.
    mutating func clockCounters() throws(RowVersionJSON.Malformed) -> [ReplicaID: UInt64] {
        var counters: [ReplicaID: UInt64] = [:]
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") { position += 1; return counters }
        while true {
            let replica = try replicaID()
            try expect(UInt8(ascii: ":"))
            counters[replica] = try unsigned()
            switch peek() {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"): position += 1; return counters
            default: throw fail("expected ',' or '}'")
            }
        }
    }

    mutating func rowVersion() throws(RowVersionJSON.Malformed) -> RowVersion {
        var table: String?
        var id: String?
        var clock: [ReplicaID: UInt64]?
        var live: [Sibling]?
        var fields: [String: [Sibling]]?
        try object { reader, key throws(RowVersionJSON.Malformed) in
            switch key {
            case "table": table = try reader.string()
            case "id": id = try reader.string()
            case "clock":
                let counters = try reader.clockCounters()
                clock = counters
            case "live": live = try reader.siblings()
            case "fields": fields = try reader.fields(table: table)
            default: try reader.skipValue()
            }
        }
        guard let table, let id, let clock, let live, let fields else { throw fail("a row version needs table, id, clock, live and fields") }
        return RowVersion(table: table, id: id, clock: VersionVector(clock), live: live, fields: fields)
    }

    /// A row's `{"name": siblings, ...}`, in the order of `table`'s layout (see `FieldLayouts`);
    /// with `compact`, a stored state's fields (see `RowStateJSON`).
    mutating func fields(table: String?, compact: CompactState? = nil) throws(RowVersionJSON.Malformed)
        -> [String: [Sibling]]
    {
        guard let table else { return try namedSiblings(compact) }
        let start = position
        if let layout = FieldLayouts.layout(of: table), let fields = try fields(in: layout, compact) { return fields }
        // No layout, or other names: read again into a new dictionary, which becomes the layout.
        position = start
        let fields = try namedSiblings(compact)
        FieldLayouts.adopt(fields, for: table)
        return fields
    }

    /// The fields read into a copy of `layout`, or nil unless they name exactly its fields, once each.
    private mutating func fields(in layout: [String: [Sibling]], _ compact: CompactState?) throws(RowVersionJSON.Malformed)
        -> [String: [Sibling]]?
    {
        var fields = layout
        var filled = 0
        var fits = true
        try object { reader, name throws(RowVersionJSON.Malformed) in
            let siblings = try reader.fieldSiblings(compact)
            guard fits, let index = fields.index(forKey: name), FieldLayouts.isUnfilled(fields.values[index]) else {
                fits = false
                return
            }
            fields.values[index] = siblings
            filled += 1
        }
        return fits && filled == layout.count ? fields : nil
    }

    /// `{"name": siblings, ...}` into a new dictionary.
    private mutating func namedSiblings(_ compact: CompactState?) throws(RowVersionJSON.Malformed) -> [String: [Sibling]] {
        var named: [String: [Sibling]] = [:]
        try object { reader, name throws(RowVersionJSON.Malformed) in named[name] = try reader.fieldSiblings(compact) }
        return named
    }
}
