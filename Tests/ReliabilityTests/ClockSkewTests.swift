import Foundation
import ProcessHarness
import ReplicaStore
import Testing

/// libfaketime's command (Debian package `faketime`).
let faketimePath = "/usr/bin/faketime"

/// Offices whose clocks are hours off (libfaketime): causality, not wall-clock time, decides every merge.
@Suite(.serialized, .enabled(if: FileManager.default.fileExists(atPath: faketimePath), "needs faketime (apt-get install faketime)"))
struct ClockSkewTests {
    static let faketime = faketimePath

    @Test func officesWithClocksHoursOffMergeByCausalityNotByTime() throws {
        let fixture = try SyncFixture(sites: ["crema", "cremona", "hq"])
        defer { fixture.close() }
        let crema = fixture["crema"]
        let cremona = fixture["cremona"]
        let hq = fixture["hq"]
        let skews = ["crema": "+5h", "cremona": "-7h", "hq": "+0"]
        func sync(_ office: Office) throws {
            let result = try runCommand(
                Self.faketime, ["-f", skews[office.site]!, Binaries.client, "sync", "--db", office.path, "--json"])
            guard result.status == 0 else { throw HarnessFailure(message: "skewed sync of \(office.site): \(result.stderr)") }
        }
        try hq.write("INSERT INTO lab (id, theme, title, status) VALUES ('lab0', 'housing', 'Casa', 'planned')")
        for office in [hq, crema, cremona] { try sync(office) }

        // A later write by causality wins though its clock says it is twelve hours earlier.
        try crema.write("UPDATE lab SET title = 'Prima' WHERE id = 'lab0'")
        try sync(crema)
        try sync(cremona)
        try cremona.write("UPDATE lab SET title = 'Dopo' WHERE id = 'lab0'")
        try sync(cremona)
        // Concurrent writes stay a conflict whatever the clocks say.
        try crema.write("UPDATE lab SET status = 'active' WHERE id = 'lab0'")
        try hq.write("UPDATE lab SET status = 'closed' WHERE id = 'lab0'")
        for _ in 0..<2 { for office in [crema, cremona, hq] { try sync(office) } }

        for office in [crema, cremona, hq] {
            #expect(try office.rows("lab").first?[Self.column("title", of: office)].text == "Dopo", "\(office.site)")
            let conflicts = try Replica(path: office.path).openConflicts()
            #expect(conflicts.map(\.column) == ["status"], "\(office.site): \(conflicts.map(\.column))")
        }
        #expect(try crema.rows("lab") == hq.rows("lab") && cremona.rows("lab") == hq.rows("lab"))
    }

    static func column(_ name: String, of office: Office) throws -> Int {
        let names = try SQLiteColumns.names(of: "lab", in: office.path)
        return names.firstIndex(of: name) ?? 0
    }
}
