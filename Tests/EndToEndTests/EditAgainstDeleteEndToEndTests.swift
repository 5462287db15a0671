import Foundation
import ProcessHarness
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// crema renames a partner offline while cremona deletes it offline; both sync, and the central
/// office sees one conflict and resolves it with the real `farelegami` binary over a real server.
@Suite(.serialized) struct EditAgainstDeleteEndToEndTests {
    enum Choice: String, CaseIterable, Sendable { case keep, delete }

    @Test(arguments: Choice.allCases)
    func aRenameAgainstADeleteIsResolvedWholeOnEveryReplica(_ choice: Choice) throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let (crema, cremona, hq) = (fixture["crema"], fixture["cremona"], fixture["hq"])
        let offices = [crema, cremona, hq]
        try hq.write(
            "INSERT INTO partner (id, name, legal_form, tax_code, role) VALUES ('p1', 'Cisvol', 'APS', '01234560197', 'lead')")
        for office in [hq, crema, cremona] { try office.syncOrThrow() }
        #expect(try cremona.rows("partner", where: "id = 'p1'").count == 1)

        try crema.write("UPDATE partner SET name = 'CISVOL Cremona' WHERE id = 'p1'")
        let renamed = try crema.rows("partner", where: "id = 'p1'")
        try cremona.write("DELETE FROM partner WHERE id = 'p1'")
        try crema.syncOrThrow()
        try cremona.syncOrThrow()
        try hq.syncOrThrow()
        try crema.syncOrThrow()
        for office in offices {
            #expect(try office.rows("partner", where: "id = 'p1'").isEmpty, "\(office.site) shows the contested row")
        }

        let listed = try runCommand(Binaries.client, ["conflicts", "list", "--db", hq.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("deleted on every replica until resolved"), "\(listed.stdout)")
        #expect(listed.stdout.contains("--keep brings back:") && listed.stdout.contains("legal_form APS"), "\(listed.stdout)")
        #expect(!listed.stdout.contains("shown until resolved"), "the list must not claim the rename is shown: \(listed.stdout)")
        let json = try runCommand(Binaries.client, ["conflicts", "list", "--db", hq.path, "--json"])
        let conflicts = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(conflicts.count == 1, "one conflict, not one per field: \(json.stdout)")
        let conflict = try #require(conflicts.first)
        let contest = try #require(conflict["deleteContest"] as? [String: Any], "\(json.stdout)")
        let kept = try #require(contest["keptValues"] as? [String: Any])
        #expect(kept["name"] as? String == "CISVOL Cremona" && kept["legal_form"] as? String == "APS")
        #expect(kept["tax_code"] as? String == "01234560197" && kept["role"] as? String == "lead")
        let id = try #require(conflict["id"] as? Int)

        let resolved = try runCommand(Binaries.client, ["conflicts", "resolve", String(id), "--db", hq.path, "--\(choice.rawValue)"])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        for _ in 0..<2 { for office in offices { try office.syncOrThrow() } }

        for office in offices {
            let replica = try Replica(path: office.path)
            #expect(try replica.openConflicts().isEmpty, "\(office.site) still lists a conflict")
            #expect(try office.number("SELECT count(*) FROM _fl_retained") == 0, "\(office.site) keeps a retained copy")
            switch choice {
            case .keep:
                #expect(try office.rows("partner", where: "id = 'p1'") == renamed, "\(office.site) does not show the whole row")
            case .delete:
                #expect(try office.rows("partner", where: "id = 'p1'").isEmpty)
                let state = try #require(try office.states("partner")["p1"])
                #expect(Self.valuesKept(by: state).isEmpty, "\(office.site) keeps \(Self.valuesKept(by: state))")
            }
        }
        let server = try Connection(path: fixture.server.database, readOnly: true)
        #expect(try server.query("SELECT count(*) FROM retained").first?.first?.integer == 0, "the server keeps a retained copy")
        let stored = try #require(try server.query("SELECT state FROM rows WHERE tbl = 'partner' AND rid = 'p1'").first?.first?.text)
        let state = try RowVersionJSON.decode(Array(stored.utf8))
        switch choice {
        case .keep: #expect(state.isLive && state.conflictingColumns.isEmpty)
        case .delete: #expect(!state.isLive && Self.valuesKept(by: state).isEmpty, "the server keeps \(Self.valuesKept(by: state))")
        }
    }

    /// The values a row state still holds other than NULL, `site_id` aside.
    static func valuesKept(by state: RowVersion) -> [FieldValue] {
        state.fields.filter { $0.key != RowVersion.ownerColumn }.values.flatMap { $0 }.map(\.value).filter { $0 != .null }
    }
}
