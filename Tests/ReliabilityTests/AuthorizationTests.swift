import Foundation
import ProcessHarness
import ReplicaStore
import SQLiteDatabase
import SyncCore
import Testing
import SyncWire

/// Who may write and read what, through the real binaries and hand-made requests.
@Suite(.serialized) struct AuthorizationTests {
    @Test func aSiteCannotSyncOrPushUnderAnotherSitesReplica() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let server = fixture.server
        let crema = fixture["crema"]
        try crema.syncOrThrow()
        try crema.write("INSERT INTO partner (id, name, role) VALUES ('p-stolen', 'Finto', 'partner')")

        let stolen = try crema.sync(environment: ["FARELEGAMI_TOKEN": try server.token("cremona")])
        #expect(stolen.status != 0)
        #expect(stolen.stderr.contains("403") && stolen.stderr.contains("forbidden"), "\(stolen.stderr)")

        let replica = try crema.replicaID()
        let changeSet = """
            {"format":"farelegami-changeset","protocolVersion":1,"schemaVersion":1,"origin":"\(replica)",\
            "site":"cremona","since":0,"through":1,"rows":[{"table":"partner","id":"p-forged","clock":{"\(replica)":99},\
            "live":[["\(replica)",99,1]],"fields":{"name":[["\(replica)",99,"Forged"]]}}]}
            """
        let forged = try RawHTTP(baseURL: server.url).send("POST", "/v1/push", token: try server.token("cremona"), body: changeSet)
        #expect(forged.status == 403 && forged.errorCode == "forbidden", "\(forged.text)")
        #expect(try Self.serverRows(server, where: "rid IN ('p-forged', 'p-stolen')") == 0)
    }

    @Test func noEndpointOrParameterShowsAnotherSitesPersonalRows() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let server = fixture.server
        let crema = fixture["crema"]
        let cremona = fixture["cremona"]
        try crema.write("INSERT INTO household (id, code, municipality, adults) VALUES ('hh-crema-1', 'CR-BIANCHI', 'Crema', 3)")
        try crema.syncOrThrow()
        try cremona.syncOrThrow()
        let cremaReplica = try crema.replicaID()
        let cremonaReplica = try cremona.replicaID()
        let http = RawHTTP(baseURL: server.url)
        let token = try server.token("cremona")

        let asCrema = try http.send("GET", "/v1/pull?replica=\(cremaReplica)&since=0", token: token)
        #expect(asCrema.status == 403, "pull with crema's replica id: \(asCrema.text)")
        let probes = [
            "/v1/pull?replica=\(cremonaReplica)&since=0",
            "/v1/pull?replica=\(cremonaReplica)&replica=\(cremaReplica)&since=0",
            "/v1/pull?replica=\(cremonaReplica)&site=crema&since=0&limit=5000",
            "/v1/pull?since=0&replica=\(cremonaReplica)&central=true",
            "/v1/status", "/v1/status?site=crema", "/v1/audit", "/v1/audit?site=hq",
            "/v1/pull?replica=\(cremaReplica)%00&since=0",
        ]
        for path in probes {
            let answer = try http.send("GET", path, token: token)
            #expect(!answer.text.contains("hh-crema-1") && !answer.text.contains("BIANCHI"), "\(path) leaked: \(answer.text)")
            #expect(answer.status < 500, "\(path): \(answer.status)")
        }
        #expect(try cremona.rows("household").isEmpty)
        #expect(try cremona.number("SELECT count(*) FROM _fl_row WHERE tbl = 'household'") == 0)
    }

    @Test func aNonCentralPushClosingAConflictOnAnotherSitesRowIsRefused() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let server = fixture.server
        let crema = fixture["crema"]
        let cremona = fixture["cremona"]
        let hq = fixture["hq"]
        try cremona.write("INSERT INTO household (id, code, municipality, adults) VALUES ('hh-cr-9', 'CN-9', 'Cremona', 2)")
        try cremona.syncOrThrow()
        try hq.syncOrThrow()
        try cremona.write("UPDATE household SET adults = 3 WHERE id = 'hh-cr-9'")
        try hq.write("UPDATE household SET adults = 4 WHERE id = 'hh-cr-9'")
        try cremona.syncOrThrow()
        try hq.syncOrThrow()
        try crema.syncOrThrow()
        let hqToken = try server.token("hq")
        let http = RawHTTP(baseURL: server.url)
        #expect((try http.send("GET", "/v1/status", token: hqToken).json["openConflicts"] as? [String: Int])?["household"] == 1)

        let stateText = String(
            decoding: RowVersionJSON.encode(try #require(try hq.states("household")["hh-cr-9"])), as: UTF8.self)
        let replica = try crema.replicaID()
        for owner in ["cremona", "crema"] {
            var state = try #require(try JSONSerialization.jsonObject(with: Data(stateText.utf8)) as? [String: Any])
            var clock = state["clock"] as? [String: Any] ?? [:]
            clock[replica] = 5
            state["clock"] = clock
            var fields = state["fields"] as? [String: Any] ?? [:]
            fields["adults"] = [[replica, 5, 9]]
            fields["site_id"] = [[replica, 5, owner]]
            state["fields"] = fields
            let row = String(decoding: try JSONSerialization.data(withJSONObject: state), as: UTF8.self)
            let body = """
                {"format":"farelegami-changeset","protocolVersion":1,"schemaVersion":1,"origin":"\(replica)",\
                "site":"crema","since":0,"through":5,"rows":[\(row)]}
                """
            let answer = try http.send("POST", "/v1/push", token: try server.token("crema"), body: body)
            #expect(answer.status == 403 && answer.errorCode == "forbidden", "owner \(owner): \(answer.text)")
        }
        #expect((try http.send("GET", "/v1/status", token: hqToken).json["openConflicts"] as? [String: Int])?["household"] == 1)
        #expect(try crema.rows("household").isEmpty)
    }

    @Test func aHouseholdMovedByTheCentralOfficeLeavesTheOldSitesReplicaAtItsNextSync() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let crema = fixture["crema"]
        let cremona = fixture["cremona"]
        let hq = fixture["hq"]
        try crema.write("""
            INSERT INTO household (id, code, municipality, adults) VALUES ('hh-moving', 'CR-MOVE', 'Crema', 2);
            INSERT INTO household (id, code, municipality, adults) VALUES ('hh-staying', 'CR-STAY', 'Crema', 1);
            """)
        for office in [crema, hq, cremona] { try office.syncOrThrow() }
        #expect(try cremona.rows("household").isEmpty)

        try hq.write("UPDATE household SET site_id = 'cremona', municipality = 'Cremona' WHERE id = 'hh-moving'")
        try hq.syncOrThrow()
        let synced = try crema.sync()
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.stdout.contains("\"forgotten\":1"), "\(synced.stdout)")
        #expect(try crema.rows("household").map { $0[0].text } == ["hh-staying"])
        #expect(try crema.number("SELECT count(*) FROM _fl_row WHERE rid = 'hh-moving'") == 0)
        try cremona.syncOrThrow()
        #expect(try cremona.rows("household").map { $0[0].text } == ["hh-moving"])
        try crema.syncOrThrow()
        try hq.syncOrThrow()
        #expect(try hq.rows("household", where: "id = 'hh-moving'").count == 1, "forgetting synced a delete")
    }

    static func serverRows(_ server: ServerProcess, where condition: String) throws -> Int64 {
        try Connection(path: server.database, readOnly: true).query("SELECT count(*) FROM rows WHERE \(condition)")
            .first?.first?.integer ?? -1
    }
}
