import Foundation
import SQLiteDatabase

/// The staff accounts as the app's sign-in uses them: on a connection of their own, so that the
/// slow password check (bcrypt, by design) never holds up the office's other requests.
actor AccountDesk {
    private let accounts: StaffAccounts

    /// The accounts of the replica at `path`.
    init(path: String) throws(OfficeAppError) {
        let connection = try OfficeAppError.wrap("opening the replica \(path)") { try Connection(path: path) }
        accounts = try StaffAccounts(connection: connection)
    }

    /// The role account `name` has now; nil when it was removed.
    func role(of name: String) -> StaffRole? {
        (try? accounts.role(of: name)) ?? nil
    }

    /// Checks a sign-in (`StaffAccounts.signIn`).
    func signIn(name: String, password: String) throws(OfficeAppError) -> StaffAccounts.SignIn {
        try accounts.signIn(name: name, password: password)
    }
}
