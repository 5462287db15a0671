import Foundation
import ProcessHarness
import SiteClient
import Testing

/// Tokens through the real binaries: listed without secrets, revoked one by one or rotated, refused
/// at once when revoked, never written to a log or an error message; failed logins are rate-limited.
@Suite(.serialized) struct TokenSecurityTests {
    @Test func tokensAreListedRevokedAndRotatedAndARevokedTokenIsRefusedAtOnce() throws {
        let fixture = try SyncFixture(sites: ["crema", "hq"])
        defer { fixture.close() }
        let (directory, server) = (fixture.directory, fixture.server)
        let crema = fixture["crema"]
        let http = RawHTTP(baseURL: server.url)
        let first = try server.token("crema")
        try crema.syncOrThrow()
        let firstID = try Self.tokenIDs(server, site: "crema")
        #expect(firstID.count == 1)

        let second = try server.addSite("crema")  // a second token; the office now uses it
        let listed = try server.command(["site", "tokens", "list", "crema"])
        #expect(listed.status == 0)
        #expect(listed.stdout.split(separator: "\n").count == 2)
        #expect(!listed.stdout.contains(first) && !listed.stdout.contains(second), "a secret was listed")

        let revoked = try server.command(["site", "token", "revoke", firstID[0]])
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try http.send("GET", "/v1/status", token: first).status == 401, "the revoked token still works")
        #expect(try http.send("GET", "/v1/status", token: second).status == 200)
        try crema.syncOrThrow()

        let rotated = try server.command(["site", "token", "rotate", "crema"])
        #expect(rotated.status == 0, "\(rotated.stderr)")
        let third = rotated.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(third.count == 64)
        #expect(try http.send("GET", "/v1/status", token: second).status == 401, "rotation left an old token valid")
        #expect(try http.send("GET", "/v1/status", token: third).status == 200)
        let refused = try crema.sync()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("401") && refused.errorLines.count == 1, "\(refused.stderr)")
        #expect(!refused.stderr.contains(second), "the client printed its token")
        try third.write(toFile: directory.path("crema.token"), atomically: true, encoding: .utf8)
        try crema.syncOrThrow()

        let final = try server.command(["site", "tokens", "list", "crema"])
        #expect(final.stdout.components(separatedBy: "revoked").count - 1 == 2)
        #expect(try server.command(["site", "token", "revoke", "000000000000"]).status != 0)
        for secret in [first, second, third] {
            #expect(!server.log.text.contains(secret), "the server log holds a token")
            #expect(!final.stdout.contains(secret))
        }
    }

    @Test func noTokenAppearsInTheServerLogOrInAnyErrorMessage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try ServerProcess(directory: directory, sites: ["crema", "hq"])
        try server.start(environment: ["LOG_LEVEL": "trace"])
        defer { server.stop() }
        let http = RawHTTP(baseURL: server.url)
        let crema = try Office(site: "crema", directory: directory, server: server)
        try crema.write("INSERT INTO partner (id, name, role) VALUES ('p1', 'CISVOL', 'partner')")
        try crema.syncOrThrow()
        let valid = try server.token("crema")
        let guessed = String(repeating: "ab", count: 32)
        var answers: [String] = []
        for token in [guessed, "Bearer-looking \(guessed)", valid] {
            answers.append(try http.send("GET", "/v1/pull?replica=not-mine&since=0", token: token).text)
            answers.append(try http.send("POST", "/v1/push", token: token, body: "{\"token\":\"\(token)\"").text)
        }
        let wrong = try crema.sync(environment: ["FARELEGAMI_TOKEN": guessed])
        #expect(wrong.status != 0)
        for text in answers + [wrong.stderr, wrong.stdout, server.log.text] {
            #expect(!text.contains(guessed) && !text.contains(valid), "a token leaked: \(text.prefix(300))")
        }
        #expect(server.log.text.contains("push"), "the log was not captured")
    }

    @Test func repeatedFailedAuthenticationsFromOneAddressAreAnswered429WithRetryAfter() throws {
        let fixture = try SyncFixture(sites: ["crema"])
        defer { fixture.close() }
        let server = fixture.server
        let http = RawHTTP(baseURL: server.url)
        let bad = String(repeating: "0", count: 64)
        for attempt in 1...10 {
            #expect(try http.send("GET", "/v1/status", token: bad).status == 401, "attempt \(attempt)")
        }
        let limited = try http.send("GET", "/v1/status", token: bad)
        #expect(limited.status == 429)
        #expect(limited.errorCode == "too_many_requests")
        #expect(Int(limited.headers["retry-after"] ?? "") ?? 0 > 0, "no Retry-After: \(limited.headers)")
        let evenValid = try http.send("GET", "/v1/status", token: try server.token("crema"))
        #expect(evenValid.status == 429, "a blocked address may not try more tokens")
        #expect(try http.send("GET", "/health", token: nil).status == 200)
    }

    @Test func guessesSpreadOverManyLoopbackAddressesHitTheGlobalLimitAndARealOfficeStillSyncs() throws {
        let fixture = try SyncFixture(sites: ["crema"])
        defer { fixture.close() }
        let server = fixture.server
        let bad = String(repeating: "0", count: 64)
        func request(_ token: String) -> String {
            "GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n"
        }
        // 200 addresses × 9 guesses: each address stays under its own limit of 10.
        var answers: [Int: Int] = [:]
        for guess in 0..<9 {
            for address in 0..<200 {
                let status = LoopbackClient.status(of: request(bad), from: "127.0.\(1 + address / 200).\(1 + address % 200)", port: server.port) ?? -1
                answers[status, default: 0] += 1
                _ = guess
            }
        }
        #expect((answers[401] ?? 0) <= 200, "at most the global limit's worth of guesses is checked: \(answers)")
        #expect((answers[429] ?? 0) >= 1_500, "the rest is told to wait: \(answers)")
        // An address that never failed, with the office's token, is not held back.
        #expect(LoopbackClient.status(of: request(try server.token("crema")), from: "127.0.9.9", port: server.port) == 200)
        try fixture["crema"].syncOrThrow()
    }

    /// The ids `site tokens list SITE --json` shows, oldest first.
    static func tokenIDs(_ server: ServerProcess, site: String) throws -> [String] {
        let listed = try server.command(["site", "tokens", "list", site, "--json"])
        let tokens = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        return tokens.compactMap { $0["id"] as? String }
    }
}
