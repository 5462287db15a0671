import Foundation
import SQLiteDatabase
import SyncCore
import SyncProtocol
import SyncWire

/// How many conflicting fields a write opened and closed (resolved).
struct ConflictChanges {
    var opened = 0
    var resolved = 0

    static func + (lhs: ConflictChanges, rhs: ConflictChanges) -> ConflictChanges {
        ConflictChanges(opened: lhs.opened + rhs.opened, resolved: lhs.resolved + rhs.resolved)
    }
}

/// A row as the store holds it: its merged state and the sites it moved away from.
struct StoredRow {
    var state: RowVersion
    var formerOwners: Set<String>
}

extension SQLiteChangeStore {
    /// The stored row `key`, if the server has it.
    func loadRow(_ key: RowKey) throws -> StoredRow? {
        let statement = try connection.prepare("SELECT state, former_owners FROM rows WHERE tbl = ?1 AND rid = ?2")
            .bind([.text(key.table), .text(key.id)])
        defer { _ = try? statement.bind([]) }
        guard try statement.step() else { return nil }
        let state = try statement.withBytes(at: 0) { try decodeState($0, key: key) }
        return StoredRow(state: state, formerOwners: Self.owners(statement.text(at: 1)))
    }

    func decodeState(_ text: String, key: RowKey) throws -> RowVersion {
        var text = text
        return try text.withUTF8 { try decodeState(UnsafeRawBufferPointer($0), key: key) }
    }

    /// Stores `write` under `sequence` and refreshes the row's open conflicts; returns how many
    /// conflicts it opened and closed. A site-class row whose owner changes remembers the old owner, whose
    /// replicas are told to forget the row when they pull.
    func storeRow(_ write: PushPlan.Write, formerOwners: Set<String>, sequence: UInt64, at time: String) throws
        -> ConflictChanges
    {
        let privacy = catalog.table(named: write.key.table)?.privacy ?? .shared
        let owner = write.merged.owningSite
        let formers = write.formerOwners(after: formerOwners, privacy: privacy)
        let statement = try connection.prepare(
            """
            INSERT INTO rows (tbl, rid, owner_site, former_owners, privacy, seq, state, last_writer)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (tbl, rid) DO UPDATE SET owner_site = excluded.owner_site,
                former_owners = excluded.former_owners, privacy = excluded.privacy, seq = excluded.seq,
                state = excluded.state, last_writer = excluded.last_writer
            """
        ).bind([
            .text(write.key.table), .text(write.key.id), owner.map(SQLValue.text) ?? .null,
            formers.isEmpty ? .null : .text(formers.sorted().joined(separator: ",")), .text(privacy.rawValue),
            .integer(Int64(sequence)), .null, write.lastWriter.map { .text($0.rawValue) } ?? .null,
        ])
        try statement.bindText(RowVersionJSON.encode(write.merged), at: 7)
        try statement.run()
        try refreshRetained(of: write)
        return try refreshConflicts(of: write, at: time)
    }

    private func refreshConflicts(of write: PushPlan.Write, at time: String) throws -> ConflictChanges {
        let (closed, opened, clearsRow) = write.conflictChange
        if clearsRow {
            // Every entry of the row, including any an older build indexed per field of a contested delete.
            try connection.run(
                "DELETE FROM conflicts WHERE tbl = ? AND rid = ?", [.text(write.key.table), .text(write.key.id)])
        }
        for column in closed where !clearsRow {
            try connection.run(
                "DELETE FROM conflicts WHERE tbl = ? AND rid = ? AND col = ?",
                [.text(write.key.table), .text(write.key.id), .text(column)])
        }
        for column in opened {
            try connection.run(
                "INSERT OR IGNORE INTO conflicts (tbl, rid, col, opened_at) VALUES (?, ?, ?, ?)",
                [.text(write.key.table), .text(write.key.id), .text(column), .text(time)])
        }
        return ConflictChanges(opened: opened.count, resolved: closed.count)
    }

    static func owners(_ text: String?) -> Set<String> {
        guard let text, !text.isEmpty else { return [] }
        return Set(text.split(separator: ",").map(String.init))
    }
}
