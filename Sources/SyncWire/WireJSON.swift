import SyncCore
import SyncProtocol

/// Hand-written JSON for the two big wire documents, change sets and pull pages: the same JSON as
/// their `Codable` forms (protocol/SYNC.md), several times faster than Foundation's coders. Readers
/// return nil for anything they do not recognise, so callers fall back to `JSONDecoder` and its
/// precise error messages.
public enum WireJSON {
    /// The change set as compact JSON: its rows through `ChangeSetBuilder`, the one writer of the document.
    public static func encode(_ changeSet: ChangeSet) -> [UInt8] {
        var builder = ChangeSetBuilder(expectedBytes: changeSet.rows.count * 320)
        if let retained = changeSet.retained {
            builder.includeRetained()
            for row in retained { builder.appendRow(row, retained: true) }
        }
        for row in changeSet.rows { builder.appendRow(row) }
        return builder.finish(
            schemaVersion: changeSet.schemaVersion, origin: changeSet.origin, site: changeSet.site, since: changeSet.since,
            through: changeSet.through, format: changeSet.format, protocolVersion: changeSet.protocolVersion)
    }

    /// The pull page as compact JSON (the `GET /v1/pull` answer): its rows through `PullPageBuilder`,
    /// the one writer of the document.
    public static func encode(_ page: PullPage) -> [UInt8] {
        var builder = PullPageBuilder(expectedBytes: page.rows.count * 320)
        for key in page.forget { builder.appendForget(key) }
        if let retained = page.retained {
            builder.includeRetained()
            for row in retained { builder.appendRow(row, retained: true) }
        }
        for row in page.rows { builder.appendRow(row) }
        return builder.finish(epoch: page.epoch, through: page.through, more: page.more, latestSequence: page.latestSequence)
    }

    /// The parts of a change set document, each nil when absent.
    public struct ChangeSetParts {
        /// `format`.
        public var format: String?
        /// `protocolVersion`.
        public var protocolVersion: Int?
        /// `schemaVersion`.
        public var schemaVersion: Int?
        /// The whole change set, when every field is present.
        public var changeSet: ChangeSet?
    }

    /// Reads a change set document; nil when the bytes are not well-formed JSON of the expected shape.
    public static func changeSetParts(_ bytes: UnsafeRawBufferPointer) -> ChangeSetParts? {
        var reader = JSONReader(bytes: bytes)
        var parts = ChangeSetParts()
        var origin: String?
        var site: String?
        var since: UInt64?
        var through: UInt64?
        var rows: [RowVersion]?
        var retained: [RowVersion]?
        do {
            try reader.object { reader, key throws(RowVersionJSON.Malformed) in
                switch key {
                case "format": parts.format = try reader.string()
                case "retained":
                    var list: [RowVersion] = []
                    try reader.array { reader throws(RowVersionJSON.Malformed) in list.append(try reader.rowVersion()) }
                    retained = list
                case "protocolVersion": parts.protocolVersion = try reader.integer()
                case "schemaVersion": parts.schemaVersion = try reader.integer()
                case "origin": origin = try reader.string()
                case "site": site = try reader.string()
                case "since": since = try reader.unsigned()
                case "through": through = try reader.unsigned()
                case "rows":
                    var list: [RowVersion] = []
                    try reader.array { reader throws(RowVersionJSON.Malformed) in list.append(try reader.rowVersion()) }
                    rows = list
                default: try reader.skipValue()
                }
            }
            reader.skipSpace()
            guard reader.atEnd else { return nil }
        } catch {
            return nil
        }
        if let format = parts.format, let protocolVersion = parts.protocolVersion,
            let schemaVersion = parts.schemaVersion, let origin, let site, let since, let through, let rows
        {
            var changeSet = ChangeSet(
                schemaVersion: schemaVersion, origin: ReplicaID(origin), site: site, since: since, through: through,
                rows: rows)
            changeSet.format = format
            changeSet.protocolVersion = protocolVersion
            changeSet.retained = retained
            parts.changeSet = changeSet
        }
        return parts
    }

    /// Reads a pull page; nil when the bytes are not exactly a pull page.
    public static func pullPage(_ bytes: UnsafeRawBufferPointer) -> PullPage? {
        var reader = JSONReader(bytes: bytes)
        var epoch: String?
        var rows: [RowVersion]?
        var forget: [RowKey]?
        var through: UInt64?
        var more: Bool?
        var latest: UInt64?
        var retained: [RowVersion]?
        do {
            try reader.object { reader, key throws(RowVersionJSON.Malformed) in
                switch key {
                case "epoch": epoch = try reader.string()
                case "through": through = try reader.unsigned()
                case "latestSequence": latest = try reader.unsigned()
                case "more": more = try reader.boolean()
                case "rows":
                    var list: [RowVersion] = []
                    try reader.array { reader throws(RowVersionJSON.Malformed) in list.append(try reader.rowVersion()) }
                    rows = list
                case "retained":
                    var list: [RowVersion] = []
                    try reader.array { reader throws(RowVersionJSON.Malformed) in list.append(try reader.rowVersion()) }
                    retained = list
                case "forget":
                    var keys: [RowKey] = []
                    try reader.array { reader throws(RowVersionJSON.Malformed) in
                        var table: String?
                        var id: String?
                        try reader.object { reader, key throws(RowVersionJSON.Malformed) in
                            switch key {
                            case "table": table = try reader.string()
                            case "id": id = try reader.string()
                            default: try reader.skipValue()
                            }
                        }
                        guard let table, let id else { throw reader.fail("a forget entry needs table and id") }
                        keys.append(RowKey(table: table, id: id))
                    }
                    forget = keys
                default: try reader.skipValue()
                }
            }
            reader.skipSpace()
            guard reader.atEnd else { return nil }
        } catch {
            return nil
        }
        guard let epoch, let rows, let forget, let through, let more, let latest else { return nil }
        return PullPage(
            epoch: epoch, rows: rows, forget: forget, through: through, more: more, latestSequence: latest,
            retained: retained)
    }
}

extension JSONReader {
    mutating func integer() throws(RowVersionJSON.Malformed) -> Int {
        guard case .integer(let value) = try fieldValue(), let integer = Int(exactly: value) else {
            throw fail("expected an integer")
        }
        return integer
    }

    mutating func boolean() throws(RowVersionJSON.Malformed) -> Bool {
        func word(_ text: String) -> Bool {
            let utf8 = Array(text.utf8)
            guard position + utf8.count <= bytes.count else { return false }
            for (offset, byte) in utf8.enumerated() where bytes[position + offset] != byte { return false }
            return true
        }
        _ = peek()
        if word("true") { position += 4; return true }
        if word("false") { position += 5; return false }
        throw fail("expected true or false")
    }
}
