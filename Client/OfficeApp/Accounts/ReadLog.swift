import Foundation
import SQLiteDatabase

/// The log of who opened which beneficiary's record, in a local table of the replica that never
/// syncs (`_fl_office_read`); a coordinator reads it in the app.
struct ReadLog {
    /// One entry: when, who, which kind of record and its name as shown then.
    struct Entry: Sendable {
        let at: String
        let user: String
        let table: String
        let name: String
    }

    static let schema = """
        CREATE TABLE IF NOT EXISTS _fl_office_read (
            seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, tbl TEXT NOT NULL, rid TEXT NOT NULL,
            name TEXT NOT NULL
        );
        """

    let connection: Connection

    init(connection: Connection) throws {
        self.connection = connection
        try connection.execute(Self.schema)
    }

    /// Records that `user` opened row `id` of `table`, named `name`.
    func record(user: String, table: String, id: String, name: String) throws {
        try connection.run(
            "INSERT INTO _fl_office_read (at, user, tbl, rid, name) VALUES (?1, ?2, ?3, ?4, ?5)",
            [.text(ISO8601DateFormatter().string(from: Date())), .text(user), .text(table), .text(id), .text(name)])
    }

    /// The newest `limit` entries, newest first.
    func entries(limit: Int = 500) throws -> [Entry] {
        try connection.query("SELECT at, user, tbl, name FROM _fl_office_read ORDER BY seq DESC LIMIT ?1", [.integer(Int64(limit))])
            .map { Entry(at: $0[0].text ?? "", user: $0[1].text ?? "", table: $0[2].text ?? "", name: $0[3].text ?? "") }
    }
}
