import Foundation
import HummingbirdBcrypt
import SQLiteDatabase

/// The office app's staff accounts, in a local table of the replica that never syncs
/// (`_fl_office_user`): each name with its role and a bcrypt hash of its password, and how many
/// sign-ins failed in a row (five lock the account for 15 minutes).
public struct StaffAccounts {
    /// Failed sign-ins in a row that lock an account.
    public static let maxFailures = 5
    /// How long a locked account stays locked.
    public static let lockout: TimeInterval = 15 * 60
    /// The shortest password accepted.
    public static let minimumPasswordLength = 10
    /// bcrypt's cost: 2^12 rounds, a quarter of a second or so per sign-in.
    static let cost: UInt8 = 12

    /// The table, created on first use.
    static let schema = """
        CREATE TABLE IF NOT EXISTS _fl_office_user (
            name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE, role TEXT NOT NULL, password_hash TEXT NOT NULL,
            failures INTEGER NOT NULL DEFAULT 0, locked_until REAL, created_at TEXT NOT NULL
        ) WITHOUT ROWID;
        -- Failed sign-ins under names that have no account, counted as for an account, so that the
        -- answers do not tell which names exist.
        CREATE TABLE IF NOT EXISTS _fl_office_unknown_signin (
            name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE, failures INTEGER NOT NULL DEFAULT 0, locked_until REAL
        ) WITHOUT ROWID;
        """

    /// The outcome of a sign-in.
    public enum SignIn: Equatable, Sendable {
        /// The password is right: the account's canonical name and role.
        case signedIn(name: String, role: StaffRole)
        /// Unknown name or wrong password (not said which).
        case refused
        /// Too many failures in a row: try again after the lock-out.
        case locked
    }

    let connection: Connection
    let now: @Sendable () -> Date

    /// The accounts kept in the replica open on `connection`.
    public init(connection: Connection, now: @escaping @Sendable () -> Date = Date.init) throws(OfficeAppError) {
        self.connection = connection
        self.now = now
        try OfficeAppError.wrap("preparing the staff accounts") { try connection.execute(Self.schema) }
    }

    /// Adds the account `name` with `role` and `password`, or sets the role and password of an
    /// existing one (and unlocks it).
    ///
    /// - Throws: `OfficeAppError.invalidAccount` for an empty name or a password shorter than
    ///   `minimumPasswordLength`.
    public func add(name: String, role: StaffRole, password: String) throws(OfficeAppError) {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64, !name.contains(where: \.isNewline) else {
            throw .invalidAccount("the user name must be 1 to 64 characters on one line")
        }
        guard password.count >= Self.minimumPasswordLength else {
            throw .invalidAccount("the password must be at least \(Self.minimumPasswordLength) characters long")
        }
        let hash = Bcrypt.hash(password, cost: Self.cost)
        try OfficeAppError.wrap("saving the account \(name)") {
            try connection.run(
                "INSERT INTO _fl_office_user (name, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4) "
                    + "ON CONFLICT (name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash, "
                    + "failures = 0, locked_until = NULL",
                [.text(name), .text(role.rawValue), .text(hash), .text(ISO8601DateFormatter().string(from: now()))])
        }
    }

    /// Checks `password` for `name`, counting failures and locking the account after
    /// `maxFailures` in a row. An unknown name costs the same time as a known one.
    public func signIn(name: String, password: String) throws(OfficeAppError) -> SignIn {
        try OfficeAppError.wrap("checking the sign-in") {
            let rows = try connection.query(
                "SELECT name, role, password_hash, failures, locked_until FROM _fl_office_user WHERE name = ?1",
                [.text(name.trimmingCharacters(in: .whitespaces))])
            let time = now().timeIntervalSince1970
            guard let row = rows.first, let canonical = row[0].text, let hash = row[2].text else {
                // An unknown name costs the same time and locks the same way as a known one.
                _ = Bcrypt.verify(password, hash: Self.decoyHash)
                return try failUnknown(name.trimmingCharacters(in: .whitespaces), at: time)
            }
            if case .real(let lockedUntil) = row[4], lockedUntil > time {
                _ = Bcrypt.verify(password, hash: Self.decoyHash)
                return .locked
            }
            guard Bcrypt.verify(password, hash: hash), let role = StaffRole(rawValue: row[1].text ?? "") else {
                let failures = (row[3].integer ?? 0) + 1
                let locks = failures >= Self.maxFailures
                try connection.run(
                    "UPDATE _fl_office_user SET failures = ?2, locked_until = ?3 WHERE name = ?1",
                    [.text(canonical), .integer(locks ? 0 : failures), locks ? .real(time + Self.lockout) : .null])
                return locks ? .locked : .refused
            }
            try connection.run(
                "UPDATE _fl_office_user SET failures = 0, locked_until = NULL WHERE name = ?1", [.text(canonical)])
            return .signedIn(name: canonical, role: role)
        }
    }

    /// Counts a failed sign-in under `name`, which has no account: `.locked` once it failed
    /// `maxFailures` times in a row, as an account would be.
    private func failUnknown(_ name: String, at time: Double) throws -> SignIn {
        let found = try connection.query(
            "SELECT failures, locked_until FROM _fl_office_unknown_signin WHERE name = ?1", [.text(name)]).first
        if case .real(let lockedUntil)? = found?[1], lockedUntil > time { return .locked }
        let failures = (found?[0].integer ?? 0) + 1
        let locks = failures >= Self.maxFailures
        try connection.run(
            "INSERT INTO _fl_office_unknown_signin (name, failures, locked_until) VALUES (?1, ?2, ?3) "
                + "ON CONFLICT (name) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until",
            [.text(name), .integer(locks ? 0 : failures), locks ? .real(time + Self.lockout) : .null])
        return locks ? .locked : .refused
    }

    /// The role of account `name`, nil when there is no such account.
    public func role(of name: String) throws(OfficeAppError) -> StaffRole? {
        try OfficeAppError.wrap("reading the account \(name)") {
            try connection.query("SELECT role FROM _fl_office_user WHERE name = ?1", [.text(name)]).first?[0].text
                .flatMap(StaffRole.init(rawValue:))
        }
    }

    /// The accounts' names and roles, by name.
    public func list() throws(OfficeAppError) -> [(name: String, role: String)] {
        try OfficeAppError.wrap("listing the accounts") {
            try connection.query("SELECT name, role FROM _fl_office_user ORDER BY name").map {
                (name: $0[0].text ?? "", role: $0[1].text ?? "")
            }
        }
    }

    /// A hash of a random password, verified against when the name is unknown.
    private static let decoyHash = Bcrypt.hash(UUID().uuidString, cost: cost)
}
