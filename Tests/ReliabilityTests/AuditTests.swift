import Foundation
import ProcessHarness
import SQLiteDatabase
import ReplicaStore
import Testing

/// The audit log: every push, pull and resolution recorded as who, when, tables and counts; never a
/// field value or a site-class row id; readable by the central office only.
@Suite(.serialized) struct AuditTests {
    @Test func pushesPullsAndResolutionsAreAuditedWithoutPersonalDataAndOnlyHqReadsThem() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let server = fixture.server
        let crema = fixture["crema"]
        let cremona = fixture["cremona"]
        let hq = fixture["hq"]
        let secretID = "hh-secret-4711"
        try crema.write(
            "INSERT INTO household (id, code, municipality, adults) VALUES ('\(secretID)', 'CR-ROSSI-SECRET', 'Crema', 2)")
        try hq.write("INSERT INTO lab (id, theme, title, status) VALUES ('lab0', 'housing', 'Casa', 'planned')")
        try hq.syncOrThrow()
        for office in [crema, cremona] { try office.syncOrThrow() }
        try crema.write("UPDATE lab SET title = 'Casa comune' WHERE id = 'lab0'")
        try cremona.write("UPDATE lab SET title = 'Abitare insieme' WHERE id = 'lab0'")
        for office in [crema, cremona, hq] { try office.syncOrThrow() }
        let conflict = try #require(try Replica(path: hq.path).openConflicts().first)
        let resolved = try runCommand(
            Binaries.client, ["conflicts", "resolve", String(conflict.id), "--db", hq.path, "--value", "Casa di tutti"])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        try hq.syncOrThrow()

        let http = RawHTTP(baseURL: server.url)
        let page = try http.send("GET", "/v1/audit?since=0&limit=1000", token: try server.token("hq"))
        #expect(page.status == 200, "\(page.text)")
        let entries = page.json["entries"] as? [[String: Any]] ?? []
        let actions = entries.map { "\($0["site"] ?? "")/\($0["action"] ?? "")" }
        #expect(actions.contains("crema/push") && actions.contains("cremona/pull") && actions.contains("hq/resolve"), "\(actions)")
        let cremaPush = entries.first { $0["site"] as? String == "crema" && $0["action"] as? String == "push" }
        #expect((cremaPush?["tables"] as? [String: Int])?["household"] == 1, "\(String(describing: cremaPush))")
        #expect(cremaPush?["replica"] as? String == (try crema.replicaID()))
        let resolution = entries.first { $0["action"] as? String == "resolve" }
        #expect(resolution?["conflictsClosed"] as? Int == 1)

        for site in ["crema", "cremona"] {
            let refused = try http.send("GET", "/v1/audit", token: try server.token(site))
            #expect(refused.status == 403 && refused.errorCode == "forbidden", "\(site): \(refused.text)")
        }
        let cli = try server.command(["audit", "--json"])
        let text = try server.command(["audit"])
        #expect(cli.status == 0 && text.status == 0)
        #expect(text.stdout.contains("crema/") && text.stdout.contains(" resolve "), "\(text.stdout)")
        let stored = try Connection(path: server.database, readOnly: true).query("SELECT * FROM audit")
            .map { $0.map { $0.text ?? "\($0.integer ?? 0)" }.joined(separator: "|") }.joined(separator: "\n")
        for output in [page.text, cli.stdout, text.stdout, stored] {
            #expect(!output.contains(secretID) && !output.contains("ROSSI") && !output.contains("Casa"), "personal data in the audit")
        }
        let paged = try http.send("GET", "/v1/audit?since=0&limit=2", token: try server.token("hq"))
        #expect((paged.json["entries"] as? [Any])?.count == 2 && paged.json["more"] as? Bool == true)
    }
}
