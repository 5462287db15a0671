import ArgumentParser
import Foundation
import OfficeApp
import SQLiteDatabase

/// `farelegami office`: the office app in the browser, and its staff accounts.
struct OfficeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "office",
        abstract: "The office app: the office's daily work in the browser, on this replica, offline.",
        discussion: """
            Start it with 'farelegami office --db crema.sqlite' and open http://127.0.0.1:8420 in a browser.
            Create the first account before: 'farelegami office user add maria --role coordinator --db crema.sqlite'.
            """,
        subcommands: [OfficeServeCommand.self, OfficeUserCommand.self],
        defaultSubcommand: OfficeServeCommand.self)
}

/// `farelegami office serve`: serves the app until Ctrl-C.
struct OfficeServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the office app on this replica until Ctrl-C (the default).")

    @OptionGroup var replica: ReplicaOptions

    @Option(name: .long, help: ArgumentHelp("The address and port to listen on.", valueName: "host:port"))
    var listen = "127.0.0.1:8420"

    @Option(name: .long, help: ArgumentHelp("A TLS certificate chain (PEM), to listen beyond this computer.", valueName: "path"))
    var tlsCert: String?

    @Option(name: .long, help: ArgumentHelp("The TLS private key (PEM) of --tls-cert.", valueName: "path"))
    var tlsKey: String?

    @Flag(name: .long, help: "Listen beyond this computer without TLS (a trusted office network only: passwords travel in clear).")
    var insecureLAN = false

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("give --tls-cert and --tls-key together") }
        guard Self.hostAndPort(listen) != nil else {
            throw ValidationError("--listen must be host:port, e.g. 127.0.0.1:8420 or 0.0.0.0:8420")
        }
    }

    func run() async throws {
        let (host, port) = Self.hostAndPort(listen)!
        let configuration = OfficeAppConfiguration(
            databasePath: replica.db, host: host, port: port,
            tls: tlsCert.map { ($0, tlsKey!) }, insecureLAN: insecureLAN)
        let scheme = tlsCert == nil ? "http" : "https"
        do {
            try await runOfficeApp(configuration) { port in
                FileHandle.standardOutput.write(
                    Data("office app for \(replica.db) listening on \(scheme)://\(host):\(port) (Ctrl-C stops it)\n".utf8))
            }
        } catch let error as OfficeAppError {
            throw ValidationError(error.description)
        }
    }

    /// `host:port` split; nil when it is not one.
    static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host.isEmpty ? nil : (host, port)
    }
}

/// `farelegami office user`: the app's staff accounts.
struct OfficeUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the office app's staff accounts (kept in this replica, never synced).",
        subcommands: [OfficeUserAddCommand.self, OfficeUserListCommand.self])
}

/// `farelegami office user add NAME --role ROLE`: adds an account or sets its password and role.
struct OfficeUserAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a staff account, or set the password and role of an existing one.",
        discussion: "The password is asked twice (not shown); with --password-stdin it is the first line of standard input.")

    @Argument(help: "The user name, e.g. maria.rossi.")
    var name: String

    @Option(name: .long, help: "operator (enters and corrects records), coordinator (also reads the log of who opened whose record) or, at the central office only, central_admin (resolves conflicts, reports).")
    var role: String = "operator"

    @Flag(name: .long, help: "Read the password from the first line of standard input (for scripts).")
    var passwordStdin = false

    @OptionGroup var replica: ReplicaOptions

    func validate() throws {
        guard StaffRole(rawValue: role) != nil else {
            throw ValidationError("--role must be operator, coordinator or central_admin")
        }
    }

    func run() throws {
        let opened = try replica.open()
        guard StaffRole(rawValue: role) != .centralAdmin || opened.isCentral else {
            throw ValidationError("central_admin is a role of the central office's replica (hq); \(replica.db) is site \(opened.site)'s")
        }
        let password: String
        if passwordStdin || isatty(0) == 0 {
            password = (readLine(strippingNewline: true) ?? "")
        } else {
            let first = String(cString: getpass("Password for \(name): "))
            let second = String(cString: getpass("Same password again: "))
            guard first == second else { throw ValidationError("the two passwords differ; nothing was saved") }
            password = first
        }
        let connection = try Connection(path: replica.db)
        do {
            try StaffAccounts(connection: connection).add(name: name, role: StaffRole(rawValue: role)!, password: password)
        } catch {
            throw ValidationError("\(error)")
        }
        print("account \(name) (\(role)) saved in \(replica.db); it signs in to 'farelegami office --db \(replica.db)'")
    }
}

/// `farelegami office user list`: the accounts and their roles.
struct OfficeUserListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the staff accounts and their roles.")

    @OptionGroup var replica: ReplicaOptions

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        _ = try replica.open()
        let accounts: [(name: String, role: String)]
        do {
            accounts = try StaffAccounts(connection: try Connection(path: replica.db)).list()
        } catch {
            throw ValidationError("\(error)")
        }
        if json {
            let objects = accounts.map { ["name": $0.name, "role": $0.role] }
            print(String(decoding: try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys]), as: UTF8.self))
        } else {
            for account in accounts { print("\(account.name)\t\(account.role)") }
        }
    }
}
