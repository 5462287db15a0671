import Foundation
import SQLiteDatabase

/// The conflicts resolved in this app, in a local table that never syncs (`_fl_office_resolution`):
/// what was resolved, by whom, when, and when the server had it, so that the conflicts page can say
/// whether a resolution has reached every office.
struct ResolutionLog {
    /// One resolution.
    struct Entry: Sendable {
        let seq: Int64
        let at: String
        let user: String
        let label: String
        /// When the server had it at the latest (the central office's first push after `at` the
        /// server reported); nil until then.
        let sentAt: String?
    }

    static let schema = """
        CREATE TABLE IF NOT EXISTS _fl_office_resolution (
            seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, label TEXT NOT NULL, sent_at TEXT
        );
        """

    let connection: Connection

    init(connection: Connection) throws {
        self.connection = connection
        try connection.execute(Self.schema)
    }

    /// Records that `user` resolved the conflict described by `label` now.
    func record(user: String, label: String) throws {
        try connection.run(
            "INSERT INTO _fl_office_resolution (at, user, label) VALUES (?1, ?2, ?3)",
            [.text(ISO8601DateFormatter().string(from: Date())), .text(user), .text(label)])
    }

    /// The newest `limit` resolutions, newest first.
    func recent(limit: Int = 20) throws -> [Entry] {
        try connection.query(
            "SELECT seq, at, user, label, sent_at FROM _fl_office_resolution ORDER BY seq DESC LIMIT ?1", [.integer(Int64(limit))]
        ).map { Entry(seq: $0[0].integer ?? 0, at: $0[1].text ?? "", user: $0[2].text ?? "", label: $0[3].text ?? "", sentAt: $0[4].text) }
    }

    /// Notes that the server had resolution `seq` by `time`.
    func markSent(_ seq: Int64, at time: String) throws {
        try connection.run("UPDATE _fl_office_resolution SET sent_at = ?2 WHERE seq = ?1 AND sent_at IS NULL", [.integer(seq), .text(time)])
    }
}
