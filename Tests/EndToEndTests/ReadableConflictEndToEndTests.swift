import Foundation
import ProcessHarness
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing
import SyncWire

/// Real server and clients: the central office reads a conflict by office, time and the lab's
/// title, and resolves it by office; a site is refused, by its client and by the server.
@Suite(.serialized) struct ReadableConflictEndToEndTests {
    private func client(_ arguments: [String]) throws -> CommandResult {
        try runCommand(Binaries.client, arguments)
    }

    private func firstConflictID(_ office: Office) throws -> Int64 {
        try #require(try Replica(path: office.path).openConflicts().first).id
    }

    @Test func hqReadsAndResolvesALabRetitledByTwoOfficesWhileASiteIsRefused() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let crema = fixture["crema"]
        let cremona = fixture["cremona"]
        let hq = fixture["hq"]
        try hq.write("INSERT INTO lab (id, theme, title, area, status) VALUES ('lab0', 'housing', 'Casa', 'Crema', 'planned')")
        for office in [hq, crema, cremona] { try office.syncOrThrow() }
        try crema.write("UPDATE lab SET title = 'Casa comune' WHERE id = 'lab0'")
        try cremona.write("UPDATE lab SET title = 'Abitare insieme' WHERE id = 'lab0'")
        for office in [crema, cremona, hq, crema] { try office.syncOrThrow() }

        let list = try client(["conflicts", "list", "--db", hq.path])
        #expect(list.status == 0, "\(list.stderr)")
        let shown = try #require(try hq.rows("lab", where: "id = 'lab0'").first?[3].text)
        #expect(list.stdout.contains("lab \"\(shown)\": title"), "\(list.stdout)")
        #expect(list.stdout.contains("area Crema"), "\(list.stdout)")
        for office in ["crema", "cremona"] {
            let named = list.stdout.range(of: #"\d\. \#(office), \d{1,2} [A-Z][a-z]{2}( \d{4})? \d{2}:\d{2}: "#, options: .regularExpression)
            #expect(named != nil, "\(office) by name and time in:\n\(list.stdout)")
        }
        for replica in [try crema.replicaID(), try cremona.replicaID(), try hq.replicaID()] {
            #expect(!list.stdout.contains(replica), "no replica id in the text")
        }
        let json = try client(["conflicts", "list", "--db", hq.path, "--json"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let sides = listed.first?["sides"] as? [[String: Any]] ?? []
        #expect(Set(sides.compactMap { $0["site"] as? String }) == ["crema", "cremona"])
        #expect(Set(sides.compactMap { $0["replica"] as? String }) == [try crema.replicaID(), try cremona.replicaID()])
        #expect(sides.allSatisfy { $0["counter"] is Int && $0["writtenAt"] is String })

        // The site's client refuses, in one line.
        let atCrema = try client(["conflicts", "resolve", String(try firstConflictID(crema)), "--db", crema.path, "--take", "crema"])
        #expect(atCrema.status != 0)
        #expect(atCrema.stderr.contains("only the central office (hq) resolves conflicts on shared rows"), "\(atCrema.stderr)")
        // Forms that name no side are refused, never silently.
        let id = String(try firstConflictID(hq))
        for take in ["nobody", "abcd", "abcd:", "9"] {
            let refused = try client(["conflicts", "resolve", id, "--db", hq.path, "--take", take])
            #expect(refused.status == 64, "--take \(take)")
            #expect(refused.stderr.contains("--take accepts"), "--take \(take): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "--take \(take): one line")
        }
        let resolved = try client(["conflicts", "resolve", id, "--db", hq.path, "--take", "crema"])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        for office in [hq, crema, cremona] { try office.syncOrThrow() }
        for office in [hq, crema, cremona] {
            #expect(try office.rows("lab", where: "id = 'lab0'").first?[3].text == "Casa comune", "\(office.site)")
            #expect(try Replica(path: office.path).openConflicts().isEmpty, "\(office.site)")
        }

        // A new conflict, and a push crafted at crema (its file written with plain SQL) that settles it.
        try crema.write("UPDATE lab SET area = 'Crema nord' WHERE id = 'lab0'")
        try cremona.write("UPDATE lab SET area = 'Crema sud' WHERE id = 'lab0'")
        for office in [crema, cremona, crema, hq] { try office.syncOrThrow() }
        let replica = try Replica(path: crema.path)
        let state = try #require(try replica.rowVersion(table: "lab", id: "lab0"))
        #expect(state.conflictingColumns == ["area"])
        let counter = try #require(try replica.meta(MetaKey.counter).flatMap(UInt64.init)) + 1
        let sequence = try replica.currentSequence() + 1
        let settled = RowVersion.afterLocalWrite(
            .update(values: ["area": .text("Crema")]), previous: state, table: "lab", id: "lab0",
            columns: Catalog.farelegami.table(named: "lab")!.columnNames, dot: Dot(replica: replica.replicaID, counter: counter))
        let file = try Connection(path: crema.path)
        try file.run(
            "UPDATE _fl_row SET state = ?1, seq = ?2 WHERE tbl = 'lab' AND rid = 'lab0'",
            [.text(String(decoding: RowVersionJSON.encode(settled), as: UTF8.self)), .integer(Int64(sequence))])
        try file.run("INSERT INTO _fl_outbox (tbl, rid, seq) VALUES ('lab', 'lab0', ?1)", [.integer(Int64(sequence))])
        try file.run("UPDATE _fl_meta SET value = ?1 WHERE key = 'counter'", [.text(String(counter))])
        try file.run("UPDATE _fl_meta SET value = ?1 WHERE key = 'sequence'", [.text(String(sequence))])
        let push = try crema.sync()
        #expect(push.status != 0)
        #expect(push.stderr.contains("may not settle it"), "\(push.stderr)")
        try hq.syncOrThrow()
        #expect(try Replica(path: hq.path).openConflicts().map(\.column) == ["area"], "the server kept the conflict")
    }
}
