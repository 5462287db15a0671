import Foundation
import ProcessHarness
import SyncCore
import SyncProtocol
import SyncTestSupport
import Testing
import SyncWire

/// The change-set decoder fed seeded random mutations of valid change sets (truncations, flipped
/// bytes, wrong types, huge numbers, deep nesting): it never crashes and fails only with a SyncCoreError
/// (typed throws), and whatever it accepts passes the catalog's checks again.
@Suite struct ChangeSetFuzzTests {
    @Test func mutatedChangeSetsNeverCrashTheDecoder() throws {
        let iterations = faultTrials(default: 3_000) * (ProcessInfo.processInfo.environment["FARELEGAMI_FAULT_TRIALS"] == nil ? 1 : 100)
        var random = SeededGenerator(seed: faultSeed(default: 4_242))
        let seeds = Self.validChangeSets()
        var accepted = 0
        var refused = 0
        for _ in 0..<iterations {
            var bytes = seeds.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) { bytes = Self.mutate(bytes, random: &random) }
            do {
                let changeSet = try ChangeSetCodec.decode(bytes, catalog: .farelegami)
                for row in changeSet.rows { _ = try Catalog.farelegami.validate(row) }
                _ = ChangeSetCodec.encode(changeSet)
                accepted += 1
            } catch {
                #expect(!error.description.isEmpty)
                refused += 1
            }
        }
        #expect(refused > iterations / 2, "the mutator rarely broke anything: \(accepted) accepted")
    }

    static func validChangeSets() -> [[UInt8]] {
        let replica = ReplicaID("k3v5q2m7x9t4w8r2c6n1")
        var sets: [[UInt8]] = []
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("protocol/examples/changeset.json")
        if let data = FileManager.default.contents(atPath: examples.path) { sets.append(Array(data)) }
        let row = """
            {"table":"partner","id":"p1","clock":{"\(replica)":2},"live":[["\(replica)",1,1]],
             "fields":{"name":[["\(replica)",2,"CISVOL"]],"role":[["\(replica)",1,"partner"]]}}
            """
        sets.append(Array("""
            {"format":"farelegami-changeset","protocolVersion":1,"schemaVersion":1,"origin":"\(replica)",
             "site":"crema","since":0,"through":2,"rows":[\(row),\(row.replacingOccurrences(of: "p1", with: "p2"))]}
            """.utf8))
        return sets
    }

    static func mutate(_ bytes: [UInt8], random: inout SeededGenerator) -> [UInt8] {
        guard !bytes.isEmpty else { return Array("[".utf8) }
        var bytes = bytes
        let at = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return Array(bytes.prefix(at))
        case 1:
            bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
        case 2:
            bytes[at] = UInt8.random(in: 0...255, using: &random)
        case 3:
            let replacements = ["\"x\"", "null", "[]", "{}", "true", "-1", "1e308", "18446744073709551616", "1.5", "\"\\u0000\""]
            return Self.replaceToken(in: bytes, at: at, with: replacements.randomElement(using: &random)!)
        case 4:
            let huge = ["99999999999999999999999999", "-9223372036854775809", "1e999", "0.0000000001"]
            return Self.replaceToken(in: bytes, at: at, with: huge.randomElement(using: &random)!)
        case 5:
            let depth = Int.random(in: 10...100_000, using: &random)
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            return Self.replaceToken(in: bytes, at: at, with: nested)
        case 6:
            bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + Int.random(in: 1...200, using: &random))], at: at)
        default:
            bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...20, using: &random)))
        }
        return bytes
    }

    /// Replaces the JSON scalar or token around `at` (up to the next delimiter) with `text`.
    static func replaceToken(in bytes: [UInt8], at: Int, with text: String) -> [UInt8] {
        let delimiters = Set(",:[]{}".utf8)
        var start = at
        while start > 0, !delimiters.contains(bytes[start - 1]) { start -= 1 }
        var end = at
        while end < bytes.count, !delimiters.contains(bytes[end]) { end += 1 }
        return Array(bytes[..<start]) + Array(text.utf8) + Array(bytes[end...])
    }
}
