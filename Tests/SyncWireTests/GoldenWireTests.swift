import Foundation
import SyncCore
import SyncProtocol
import SyncWire
import Testing

/// The wire bytes do not drift: protocol/examples' change set and pull page, decoded and encoded again
/// give the documents recorded in `Golden/` (compact JSON), and every writer of a document gives the
/// same bytes as the others. A row's fields are written in the order the row holds them (a
/// dictionary's, which varies between processes), so the recorded files are compared with their
/// members sorted; everything else (spacing, numbers, escapes, member names) must match exactly.
/// Record them again, after a deliberate format change only, with `FARELEGAMI_RECORD_GOLDEN=1`.
@Suite struct GoldenWireTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let examples = root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("protocol/examples")

    static func golden(_ name: String, _ bytes: [UInt8]) throws -> [UInt8] {
        let url = root.appendingPathComponent("Golden/\(name)")
        if ProcessInfo.processInfo.environment["FARELEGAMI_RECORD_GOLDEN"] == "1" { try Data(bytes).write(to: url) }
        return Array(try Data(contentsOf: url))
    }

    /// `bytes` with every object's members in sorted order, whitespace as written.
    static func sorted(_ bytes: [UInt8]) throws -> [UInt8] {
        let object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// Whether `bytes` is the recorded document `name`: the same length and, members sorted, the same bytes.
    static func matches(_ bytes: [UInt8], golden name: String) throws -> Bool {
        let recorded = try golden(name, bytes)
        let (left, right) = (try sorted(recorded), try sorted(bytes))
        return recorded.count == bytes.count && left == right
    }

    static func changeSet() throws -> ChangeSet {
        try ChangeSetCodec.decode(Array(try Data(contentsOf: examples.appendingPathComponent("changeset.json"))), catalog: .farelegami)
    }

    static func pullPage() throws -> PullPage {
        try JSONDecoder().decode(PullPage.self, from: try Data(contentsOf: examples.appendingPathComponent("pull-response.json")))
    }

    @Test func theChangeSetEncodesToTheRecordedBytes() throws {
        let changeSet = try Self.changeSet()
        let encoded = ChangeSetCodec.encode(changeSet)
        #expect(try Self.matches(encoded, golden: "changeset.json"))
        #expect(WireJSON.encode(changeSet) == encoded)
        var retained = changeSet
        retained.retained = [changeSet.rows[0]]
        let withRetained = WireJSON.encode(retained)
        #expect(try Self.matches(withRetained, golden: "changeset-retained.json"))
    }

    @Test func thePullPageEncodesToTheRecordedBytes() throws {
        let page = try Self.pullPage()
        let encoded = WireJSON.encode(page)
        #expect(try Self.matches(encoded, golden: "pull-page.json"))
        var builder = WireJSON.PullPageBuilder()
        for row in page.rows {
            RowVersionJSON.encode(row).withUnsafeBytes { builder.appendRow(json: $0) }
        }
        for key in page.forget { builder.appendForget(key) }
        for row in page.retained ?? [] { RowVersionJSON.encode(row).withUnsafeBytes { builder.appendRow(json: $0, retained: true) } }
        #expect(builder.finish(epoch: page.epoch, through: page.through, more: page.more, latestSequence: page.latestSequence) == encoded)
    }
}
