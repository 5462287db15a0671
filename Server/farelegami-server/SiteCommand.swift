import ArgumentParser
import Foundation
import MergeServer

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "Manage the sites that may sync and their tokens.",
        subcommands: [Add.self, Revoke.self, SiteTokensCommand.self, SiteTokenCommand.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a site (if new) and issue a new token for it.",
            discussion: """
                Prints the token alone on one line: it is shown only this once (the store keeps only its \
                SHA-256 hash). Give it to the site's replicas ('farelegami' client configuration).
                """)

        @Argument(help: "The site id: 1 to 40 lower-case letters, digits, '-' or '_' (crema, cremona, hq, ...).")
        var site: String

        @OptionGroup var store: StoreOptions

        @Flag(help: "The site is the central office (only 'hq', which must be added with this flag).")
        var central = false

        func run() async throws {
            let changeStore = try await store.open()
            let token = try await changeStore.issueToken(site: site, central: central)
            FileHandle.standardError.write(Data("issued a new token for site \(site); it is not shown again\n".utf8))
            print(token)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke every token of a site (its replicas stay registered; issue a new token with 'site add').")

        @Argument(help: "The site id.")
        var site: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let count = try await store.open().revokeTokens(site: site)
            print("revoked \(count) token(s) of site \(site)")
        }
    }
}
