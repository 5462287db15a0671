import Foundation
@testable import OfficeApp
import ReplicaStore
import SQLiteDatabase
import Testing

/// Staff accounts: bcrypt hashes in a table that never syncs, and a lock-out after failures.
@Suite struct StaffAccountsTests {
    /// A clock the test moves.
    final class Clock: @unchecked Sendable {
        // Only the test's own thread reads and moves it.
        var now = Date(timeIntervalSince1970: 1_800_000_000)
    }

    func withAccounts(_ body: (StaffAccounts, Clock, Connection) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let replica = try Replica.create(path: directory + "/crema.sqlite", site: "crema")
        let clock = Clock()
        try body(try StaffAccounts(connection: replica.connection, now: { clock.now }), clock, replica.connection)
    }

    @Test func theRightPasswordSignsInAndTheHashIsBcryptNotThePassword() throws {
        try withAccounts { accounts, _, connection in
            try accounts.add(name: "maria", role: .coordinator, password: "correct horse")
            #expect(try accounts.signIn(name: "Maria", password: "correct horse") == .signedIn(name: "maria", role: .coordinator))
            #expect(try accounts.signIn(name: "maria", password: "wrong horse") == .refused)
            #expect(try accounts.signIn(name: "nobody", password: "correct horse") == .refused)
            let hash = try connection.query("SELECT password_hash FROM _fl_office_user").first?[0].text ?? ""
            #expect(hash.hasPrefix("$2") && !hash.contains("correct horse"))
            let captured = try connection.query("SELECT count(*) FROM _fl_log").first?[0].integer
            #expect(captured == 0, "accounts are never captured for sync")
        }
    }

    @Test func fiveFailuresInARowLockTheAccountForFifteenMinutes() throws {
        try withAccounts { accounts, clock, _ in
            try accounts.add(name: "luca", role: .operator_, password: "0123456789")
            for _ in 1..<StaffAccounts.maxFailures { #expect(try accounts.signIn(name: "luca", password: "nope") == .refused) }
            #expect(try accounts.signIn(name: "luca", password: "nope") == .locked)
            #expect(try accounts.signIn(name: "luca", password: "0123456789") == .locked, "even the right password waits")
            clock.now += StaffAccounts.lockout + 1
            #expect(try accounts.signIn(name: "luca", password: "0123456789") == .signedIn(name: "luca", role: .operator_))
        }
    }

    @Test func anUnknownNameIsRefusedAndLockedAsAnAccountWouldBeSoNoAnswerTellsWhichNamesExist() throws {
        try withAccounts { accounts, clock, _ in
            try accounts.add(name: "luca", role: .operator_, password: "0123456789")
            for name in ["luca", "nessuno"] {
                for _ in 1..<StaffAccounts.maxFailures { #expect(try accounts.signIn(name: name, password: "nope") == .refused) }
                #expect(try accounts.signIn(name: name, password: "nope") == .locked, "\(name)")
            }
            clock.now += StaffAccounts.lockout + 1
            #expect(try accounts.signIn(name: "nessuno", password: "nope") == .refused)
        }
    }

    @Test func aShortPasswordOrAnEmptyNameMakesNoAccount() throws {
        try withAccounts { accounts, _, _ in
            #expect(Self.refuses { try accounts.add(name: "maria", role: .operator_, password: "short") })
            #expect(Self.refuses { try accounts.add(name: " ", role: .operator_, password: "0123456789") })
            let listed = try accounts.list()
            #expect(listed.isEmpty)
        }
    }

    /// Whether `body` throws an `OfficeAppError`.
    static func refuses(_ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch {
            return error is OfficeAppError
        }
    }

    @Test func listeningBeyondLoopbackNeedsTLSOrAnExplicitFlag() {
        #expect(Self.refuses { try OfficeAppConfiguration(databasePath: "x", host: "0.0.0.0").check() })
        #expect(!Self.refuses { try OfficeAppConfiguration(databasePath: "x", host: "127.0.0.1").check() })
        #expect(!Self.refuses { try OfficeAppConfiguration(databasePath: "x", host: "0.0.0.0", insecureLAN: true).check() })
        #expect(!Self.refuses { try OfficeAppConfiguration(databasePath: "x", host: "0.0.0.0", tls: ("c.pem", "k.pem")).check() })
    }
}
