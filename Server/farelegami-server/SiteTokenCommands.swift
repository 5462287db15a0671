import ArgumentParser
import Foundation
import MergeServer

/// `site tokens list SITE`: the tokens of a site, never their secrets.
struct SiteTokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "List a site's tokens (ids and dates only).", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tokens of a site: id, issued, revoked. The secrets are never shown.")

        @Argument(help: "The site id.")
        var site: String

        @OptionGroup var store: StoreOptions

        @Flag(name: .long, help: "Print JSON for scripts.")
        var json = false

        func run() async throws {
            let tokens = try await store.open().tokens(site: site)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(tokens), as: UTF8.self))
                return
            }
            guard !tokens.isEmpty else {
                print("site \(site) has no tokens")
                return
            }
            for token in tokens {
                print("\(token.id)  issued \(token.created)  \(token.revoked.map { "revoked \($0)" } ?? "valid")")
            }
        }
    }
}

/// `site token revoke TOKEN-ID` and `site token rotate SITE`.
struct SiteTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Revoke one token, or rotate a site's token.",
        subcommands: [Revoke.self, Rotate.self])

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke one token by its id ('site tokens list SITE' shows ids); refused (401) at once.")

        @Argument(help: "The token id.")
        var id: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let site = try await store.open().revokeToken(id: id)
            print("revoked token \(id) of site \(site)")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new token for a site, then revoke all its older ones.",
            discussion: """
                Prints the new token alone on one line, shown only this once. The old tokens are refused \
                from now on: put the new one in the site's token file before its next sync.
                """)

        @Argument(help: "The site id.")
        var site: String

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let rotated = try await store.open().rotateToken(site: site)
            FileHandle.standardError.write(
                Data("issued a new token for site \(site) and revoked \(rotated.revoked) older one(s); it is not shown again\n".utf8))
            print(rotated.token)
        }
    }
}
