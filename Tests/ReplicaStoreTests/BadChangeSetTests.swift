import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// A change set that is damaged, of another version, or names what this schema does not sync is
/// refused whole with one line naming the problem, and the replica file is left exactly as it was.
@Suite struct BadChangeSetTests {
    @Test(arguments: BadInput.allCases)
    func aBadChangeSetIsRefusedWithOneLineAndChangesNothing(_ input: BadInput) throws {
        try withTemporaryDirectory { directory in
            let source = try Replica.fresh(in: directory, "source")
            let target = try Replica.fresh(in: directory, "target")
            // The target already holds synced rows, local rows and an open conflict.
            try source.sql("INSERT INTO partner (id, name, role) VALUES ('p1', 'CISVOL', 'partner')")
            try source.send(to: target)
            try source.sql("UPDATE partner SET name = 'CISVOL Crema' WHERE id = 'p1'")
            try target.sql("UPDATE partner SET name = 'CISVOL Cremona' WHERE id = 'p1'")
            try target.sql("INSERT INTO household (id, code, adults) VALUES ('h-local', 'Z9', 1)")
            try target.sql("INSERT INTO person_identity (id, full_name) VALUES ('i1', 'Maria Rossi')")
            try source.send(to: target)
            try target.cutLocalVersions()
            #expect(try target.rowVersion(table: "partner", id: "p1")?.conflictingColumns == ["name"])
            // The change set brings rows the target lacks, so accepting any part of it would show.
            try source.sql("INSERT INTO household (id, code, adults, minors) VALUES ('h1', 'A1', 2, 1)")
            try source.sql("UPDATE partner SET role = 'lead' WHERE id = 'p1'")
            let valid = try source.exportChangeSet()

            let before = try target.snapshot()
            let sequence = try target.currentSequence()
            let error = try #require(throws: ReplicaError.self) {
                try target.importChangeSet(input.bytes(from: valid))
            }
            let message = "\(error)"
            #expect(!message.contains("\n"), "not one line: \(message)")
            for word in input.named {
                #expect(message.contains(word), "\(message) does not name \(word)")
            }
            #expect(try target.snapshot() == before)
            #expect(try target.currentSequence() == sequence)

            // The same rows, undamaged, are accepted: the refusal above was the damage's doing.
            try target.importChangeSet(ChangeSetCodec.encode(valid))
            #expect(try target.snapshot() != before)
        }
    }
}

/// Ways a change set can be unacceptable, and the words its error must contain.
enum BadInput: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case truncated, corrupted, notJSON, anotherDocument, otherSchemaVersion, otherProtocolVersion
    case unknownTable, unknownColumn, textInAnIntegerColumn, valueOutsideTheEnumeration, localClassTable

    var testDescription: String { rawValue }

    var named: [String] {
        switch self {
        case .truncated, .corrupted, .notJSON: ["not a valid change set", "not JSON"]
        case .anotherDocument: ["not a valid change set", "format"]
        case .otherSchemaVersion: ["schema version 2"]
        case .otherProtocolVersion: ["protocol version 7"]
        case .unknownTable: ["'volunteer_shift'"]
        case .unknownColumn: ["'shoe_size'", "household"]
        case .textInAnIntegerColumn: ["household.adults", "two"]
        case .valueOutsideTheEnumeration: ["partner.role", "'boss'"]
        case .localClassTable: ["'person_identity'"]
        }
    }

    func bytes(from valid: ChangeSet) throws -> [UInt8] {
        let encoded = ChangeSetCodec.encode(valid)
        var changeSet = valid
        let household = try #require(valid.rows.first { $0.table == "household" })
        let partner = try #require(valid.rows.first { $0.table == "partner" })
        let dot = try #require(household.live.first?.dot)
        switch self {
        case .truncated:
            return Array(encoded.prefix(encoded.count / 2))
        case .corrupted:
            var bytes = encoded
            let middle = bytes.count / 2
            bytes.replaceSubrange(middle..<middle + 8, with: Array(repeating: 0xFF, count: 8))
            return bytes
        case .notJSON:
            return Array("table,id,code\nhousehold,h1,A1\n".utf8)
        case .anotherDocument:
            return Array(#"{"format":"farelegami-report","protocolVersion":1,"schemaVersion":1}"#.utf8)
        case .otherSchemaVersion:
            changeSet.schemaVersion = 2
        case .otherProtocolVersion:
            changeSet.protocolVersion = 7
        case .unknownTable:
            changeSet.rows.append(RowVersion(
                table: "volunteer_shift", id: "s1", clock: household.clock, live: household.live,
                fields: ["site_id": [Sibling(dot: dot, value: .text("crema"))]]))
        case .unknownColumn:
            changeSet.rows.append(variant(of: household, column: "shoe_size", value: .integer(42), dot: dot))
        case .textInAnIntegerColumn:
            changeSet.rows.append(variant(of: household, column: "adults", value: .text("two"), dot: dot))
        case .valueOutsideTheEnumeration:
            let partnerDot = try #require(partner.live.first?.dot)
            changeSet.rows.append(variant(of: partner, column: "role", value: .text("boss"), dot: partnerDot))
        case .localClassTable:
            changeSet.rows.append(RowVersion(
                table: "person_identity", id: "i2", clock: household.clock, live: household.live,
                fields: ["full_name": [Sibling(dot: dot, value: .text("Giulia Bianchi"))]]))
        }
        return ChangeSetCodec.encode(changeSet)
    }

    /// A copy of `row` under a new id, with `column` set to `value` by `dot`; appended after the good
    /// rows, so a replica that applied rows one by one would already have changed.
    private func variant(of row: RowVersion, column: String, value: FieldValue, dot: Dot) -> RowVersion {
        var copy = row
        copy.id = row.id + "-bad"
        copy.fields[column] = [Sibling(dot: dot, value: value)]
        return copy
    }
}
