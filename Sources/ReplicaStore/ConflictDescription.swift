import Foundation
import SyncProtocol

/// An open conflict as a person reads it: the row by what people call it, its other fields, and
/// each side by the office that wrote it and when. `--json` prints it: every field of
/// `OpenConflict` (ids, replica ids, dots) and the readable ones beside them.
public struct ConflictDescription: Sendable, Equatable, Encodable {
    /// The conflict, as stored.
    public let conflict: OpenConflict
    /// The row's name: the values of its naming columns (`Catalog.namingColumns`), e.g. a lab's title.
    public let rowName: String
    /// The row's other fields as shown, each with its value as text (empty ones left out).
    public let fields: [Field]
    /// The sides, numbered from 1 in the order listed (what `--take N` takes).
    public let sides: [Side]

    /// One field of the row.
    public struct Field: Sendable, Equatable, Encodable {
        /// The column.
        public let column: String
        /// Its shown value as text (a reference as the name of the row it refers to).
        public let value: String
    }

    /// One side of the conflict, with who wrote it and when.
    public struct Side: Sendable, Equatable {
        /// The side's number in the list, from 1.
        public let number: Int
        /// The side as stored (replica, counter, value).
        public let side: OpenConflict.Side
        /// Who wrote it and when.
        public let label: SideLabel
        /// Whether every replica shows this side until the conflict is resolved.
        public let isShown: Bool
    }

    /// The column in conflict as a person reads it ("whether the row exists" for `_live`).
    public var columnText: String {
        conflict.column == RowVersion.liveColumn ? "whether the row exists" : conflict.column
    }

    private enum CodingKeys: String, CodingKey {
        case id, table, rowID, column, rowDeleted, sides, provisionalWinner, rowName, fields, deleteContest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(conflict.id, forKey: .id)
        try container.encode(conflict.table, forKey: .table)
        try container.encode(conflict.rowID, forKey: .rowID)
        try container.encode(conflict.column, forKey: .column)
        try container.encode(conflict.rowDeleted, forKey: .rowDeleted)
        try container.encode(sides, forKey: .sides)
        try container.encode(conflict.provisionalWinner, forKey: .provisionalWinner)
        try container.encode(rowName, forKey: .rowName)
        try container.encode(fields, forKey: .fields)
        try container.encodeIfPresent(conflict.deleteContest, forKey: .deleteContest)
    }
}

extension ConflictDescription.Side: Encodable {
    private enum CodingKeys: String, CodingKey {
        case replica, counter, value, isDelete, number, site, writtenAt, thisOffice, unsynced, label
    }

    /// The side's fields of `OpenConflict.Side` and the readable ones (`site`, `writtenAt` as
    /// ISO-8601 UTC, `label` as the text output shows it); unknown ones are absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(side.replica, forKey: .replica)
        try container.encode(side.counter, forKey: .counter)
        try container.encode(side.value, forKey: .value)
        try container.encode(side.isDelete, forKey: .isDelete)
        try container.encode(number, forKey: .number)
        try container.encodeIfPresent(label.site, forKey: .site)
        try container.encodeIfPresent(label.time.map { $0.formatted(.iso8601) }, forKey: .writtenAt)
        try container.encode(label.isThisOffice, forKey: .thisOffice)
        try container.encode(label.unsynced, forKey: .unsynced)
        try container.encode(label.text(), forKey: .label)
    }
}
