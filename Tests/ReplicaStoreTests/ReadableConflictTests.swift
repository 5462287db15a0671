import Foundation
import ReplicaStore
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// Conflicts a person can read and resolve: stable ids, sides by office and time, rows by name,
/// `--take` by number or office, and only who may resolve a row's conflicts settles them.
@Suite struct ReadableConflictTests {
    /// hq made lab l1; crema and cremona retitled it concurrently; every replica has seen everything.
    private func retitledLab(in directory: String) throws -> (crema: Replica, cremona: Replica, hq: Replica) {
        let crema = try Replica.fresh(in: directory, "crema")
        let cremona = try Replica.fresh(in: directory, "cremona", site: "cremona")
        let hq = try Replica.fresh(in: directory, "hq", site: "hq")
        try hq.sql("INSERT INTO lab (id, title, theme, area, status) VALUES ('l1', 'Orti', 'housing', 'Crema', 'active')")
        try exchange([hq, crema, cremona])
        try crema.sql("UPDATE lab SET title = 'Orti solidali' WHERE id = 'l1'")
        try cremona.sql("UPDATE lab SET title = 'Orti in comune' WHERE id = 'l1'")
        try exchange([crema, cremona, hq])
        return (crema, cremona, hq)
    }

    /// Every replica sends its changes to the central office's replica, which sends them on (files
    /// between two territorial offices go through hq).
    private func exchange(_ replicas: [Replica]) throws {
        guard let centre = replicas.first(where: \.isCentral) else {
            for source in replicas {
                for target in replicas where target !== source { try source.send(to: target) }
            }
            return
        }
        for _ in 0..<2 {
            for source in replicas where source !== centre { try source.send(to: centre) }
            for target in replicas where target !== centre { try centre.send(to: target) }
        }
    }

    /// What the server would say of the replicas of `offices` and of their sides' dots.
    private func serverDirectory(_ offices: [Replica], sides: [OpenConflict.Side], at time: String) -> ReplicaDirectory {
        ReplicaDirectory(
            replicas: offices.map { .init(replica: $0.replicaID.rawValue, site: $0.site, firstSeen: time) },
            dotTimes: sides.map { .init(replica: $0.replica, counter: $0.counter, receivedAt: time) }, through: 7, more: false)
    }

    @Test func conflictIDsAreNeverReusedOnceAConflictIsResolved() throws {
        try withTemporaryDirectory { directory in
            let (crema, cremona, hq) = try retitledLab(in: directory)
            let first = try #require(try hq.openConflicts().first)
            #expect(try hq.openConflicts().map(\.id) == [first.id], "listing again gives the same id")
            try hq.resolve(conflict: first.id, with: .typedValue("Orti"))
            try exchange([hq, crema, cremona])
            try crema.sql("UPDATE lab SET area = 'Crema nord' WHERE id = 'l1'")
            try cremona.sql("UPDATE lab SET area = 'Crema sud' WHERE id = 'l1'")
            try exchange([crema, cremona, hq])
            let second = try #require(try hq.openConflicts().first)
            #expect(second.column == "area")
            #expect(second.id > first.id, "a new conflict gets a new id")
        }
    }

    @Test func aReplicaOfAnOlderBuildKeepsItsConflictIDsAndNeverReusesThem() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/old.sqlite"
            try Replica.create(path: path, site: "hq")
            let old = try Connection(path: path)
            try old.execute(
                """
                DROP TABLE _fl_conflict; DROP TABLE _fl_replica; DROP TABLE _fl_dot_time;
                CREATE TABLE _fl_conflict (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, rid TEXT NOT NULL, col TEXT NOT NULL,
                    UNIQUE (tbl, rid, col));
                INSERT INTO _fl_conflict (id, tbl, rid, col) VALUES (7, 'lab', 'l1', 'title');
                """)
            let replica = try Replica(path: path)
            let definition = try replica.connection.query("SELECT sql FROM sqlite_master WHERE name = '_fl_conflict'")[0][0].text
            #expect(definition?.contains("AUTOINCREMENT") == true)
            #expect(try replica.connection.query("SELECT id FROM _fl_conflict")[0][0].integer == 7)
            try replica.connection.run("DELETE FROM _fl_conflict")
            try replica.connection.run("INSERT INTO _fl_conflict (tbl, rid, col) VALUES ('lab', 'l2', 'title')")
            #expect(try replica.connection.query("SELECT id FROM _fl_conflict")[0][0].integer == 8)
            #expect(try replica.connection.query("SELECT count(*) FROM _fl_replica")[0][0].integer == 0)
        }
    }

    @Test func sidesAreNamedByOfficeAndTimeAndTheRowByItsTitle() throws {
        try withTemporaryDirectory { directory in
            let (crema, cremona, hq) = try retitledLab(in: directory)
            let conflict = try #require(try hq.openConflicts().first)
            let before = hq.describe(conflict)
            #expect(before.sides.map { $0.label.text() } == ["another office, time unknown", "another office, time unknown"])
            #expect(try Set(hq.unnamedSideDots()) == Set(conflict.sides.map { Dot(replica: ReplicaID($0.replica), counter: $0.counter) }))
            // 13:02 UTC is 14:02 in Rome in December.
            try hq.recordDirectory(serverDirectory([crema, cremona, hq], sides: conflict.sides, at: "2026-12-03T13:02:00Z"))
            #expect(try hq.unnamedSideDots().isEmpty, "every side is named: nothing to ask the server")
            let described = try #require(try hq.describeOpenConflicts().first)
            let now = try Date("2026-12-06T12:00:00Z", strategy: .iso8601)
            #expect(Set(described.sides.map { $0.label.text(now: now) }) == ["crema, 3 Dec 14:02", "cremona, 3 Dec 14:02"])
            #expect(try described.rowName == hq.values("lab", "l1")?["title"]?.description)
            #expect(described.fields.map { "\($0.column) \($0.value)" } == ["site hq", "theme housing", "area Crema", "status active"])
            #expect(described.sides.map(\.number) == [1, 2])
            #expect(described.sides.filter(\.isShown).count == 1)
            let json = String(decoding: try JSONEncoder().encode(described), as: UTF8.self)
            for key in ["\"replica\"", "\"counter\"", "\"rowID\"", "\"provisionalWinner\"", "\"site\":\"crema\"", "\"writtenAt\"", "\"rowName\""] {
                #expect(json.contains(key), "--json keeps \(key)")
            }
        }
    }

    @Test func aReplicasOwnUnsyncedSideIsNamedThisOfficeNotYetSynced() throws {
        try withTemporaryDirectory { directory in
            let (crema, _, _) = try retitledLab(in: directory)
            let described = try #require(try crema.describeOpenConflicts().first)
            let own = try #require(described.sides.first { $0.label.isThisOffice })
            #expect(own.label.text().hasPrefix("this office, not yet synced, "))
            #expect(!own.label.text().contains("time unknown"), "a replica's own cut records its time")
        }
    }

    @Test func theYearIsSaidOnlyWhenItIsNotThisYearsInRome() throws {
        let date = try Date("2025-07-01T22:30:00Z", strategy: .iso8601)
        #expect(SideLabel.shortTime(date, now: try Date("2025-12-01T00:00:00Z", strategy: .iso8601)) == "2 Jul 00:30")
        #expect(SideLabel.shortTime(date, now: try Date("2026-12-01T00:00:00Z", strategy: .iso8601)) == "2 Jul 2025 00:30")
    }

    @Test func takeNamesASideByNumberOfficeOrDotAndRefusesEverythingElseSayingWhatIsAccepted() throws {
        try withTemporaryDirectory { directory in
            let (crema, cremona, hq) = try retitledLab(in: directory)
            let conflict = try #require(try hq.openConflicts().first)
            try hq.recordDirectory(serverDirectory([crema, cremona, hq], sides: conflict.sides, at: "2026-12-03T13:02:00Z"))
            let described = hq.describe(conflict)
            let cremaSide = try #require(described.sides.first { $0.label.site == "crema" })
            let cremaDot = Dot(replica: ReplicaID(cremaSide.side.replica), counter: cremaSide.side.counter)
            #expect(try SideChoice(parsing: "crema").dot(in: described) == cremaDot)
            #expect(try SideChoice(parsing: String(cremaSide.number)).dot(in: described) == cremaDot)
            #expect(try SideChoice(parsing: cremaDot.description).dot(in: described) == cremaDot)
            for refused in ["", "crema:", ":3", "Crema!", "a:b:c"] {
                #expect(throws: ReplicaError.self) { try SideChoice(parsing: refused) }
            }
            for missing in ["9", "casalmaggiore", "nobody:3"] {
                let error = #expect(throws: ReplicaError.self) { try SideChoice(parsing: missing).dot(in: described) }
                #expect(error?.description.contains("--take accepts") == true, "\(missing): \(error?.description ?? "")")
                #expect(error?.description.contains("\n") == false)
            }
            try hq.resolve(conflict: conflict.id, with: .take(try SideChoice(parsing: "crema").dot(in: described)))
            #expect(try hq.values("lab", "l1")?["title"] == .text("Orti solidali"))
        }
    }

    @Test func aSiteMayNotResolveASharedRowsConflictButMayResolveItsOwnRows() throws {
        try withTemporaryDirectory { directory in
            let (crema, _, _) = try retitledLab(in: directory)
            let shared = try #require(try crema.openConflicts().first)
            #expect(!crema.mayResolve(shared))
            let error = #expect(throws: ReplicaError.self) { try crema.resolve(conflict: shared.id, with: .typedValue("Mine")) }
            #expect(error?.description.contains("only the central office (hq) resolves conflicts on shared rows") == true)
            #expect(try crema.openConflicts().count == 1, "nothing was written")

            let colleague = try Replica.fresh(in: directory, "crema-2")
            try crema.sql("INSERT INTO household (id, code, adults) VALUES ('h1', 'A1', 2)")
            try exchange([crema, colleague])
            try crema.sql("UPDATE household SET adults = 3 WHERE id = 'h1'")
            try colleague.sql("UPDATE household SET adults = 4 WHERE id = 'h1'")
            try exchange([crema, colleague])
            let own = try #require(try crema.openConflicts().first { $0.table == "household" })
            #expect(crema.mayResolve(own))
            try crema.resolve(conflict: own.id, with: .typedValue("5"))
            #expect(try crema.openConflicts().allSatisfy { $0.table != "household" })
        }
    }

    @Test func anOfficesEditOfAConflictItMayNotResolveIsOneMoreSide() throws {
        try withTemporaryDirectory { directory in
            let (crema, cremona, hq) = try retitledLab(in: directory)
            try crema.sql("UPDATE lab SET title = 'Orti di Crema' WHERE id = 'l1'")
            try crema.cutLocalVersions()
            let sides = try #require(try crema.openConflicts().first).sides.map(\.value)
            #expect(Set(sides) == [.text("Orti solidali"), .text("Orti in comune"), .text("Orti di Crema")])
            try exchange([crema, cremona, hq])
            #expect(try hq.openConflicts().first?.sides.count == 3, "hq sees the edit as one more side")
            // hq settles it; the office's later edits are ordinary writes again.
            let conflict = try #require(try hq.openConflicts().first)
            try hq.resolve(conflict: conflict.id, with: .typedValue("Orti"))
            try exchange([hq, crema, cremona])
            #expect(try crema.openConflicts().isEmpty)
            try crema.sql("UPDATE lab SET title = 'Orti 2' WHERE id = 'l1'")
            try exchange([crema, cremona, hq])
            #expect(try hq.openConflicts().isEmpty)
            #expect(try hq.values("lab", "l1")?["title"] == .text("Orti 2"))
        }
    }

    @Test func twoConcurrentResolutionsAreAConflictOfTheirOwn() throws {
        try withTemporaryDirectory { directory in
            let crema = try Replica.fresh(in: directory, "crema")
            let colleague = try Replica.fresh(in: directory, "crema-2")
            let hq = try Replica.fresh(in: directory, "hq", site: "hq")
            let replicas = [crema, colleague, hq]
            try crema.sql("INSERT INTO household (id, code, adults) VALUES ('h1', 'A1', 2)")
            try exchange(replicas)
            try crema.sql("UPDATE household SET adults = 3 WHERE id = 'h1'")
            try colleague.sql("UPDATE household SET adults = 4 WHERE id = 'h1'")
            try exchange(replicas)
            let atCrema = try #require(try crema.openConflicts().first)
            let atHQ = try #require(try hq.openConflicts().first)
            try crema.resolve(conflict: atCrema.id, with: .typedValue("5"))
            try hq.resolve(conflict: atHQ.id, with: .typedValue("6"))
            try exchange(replicas)
            for replica in replicas {
                let conflict = try #require(try replica.openConflicts().first, "\(replica.site) shows the two resolutions")
                #expect(Set(conflict.sides.map(\.value)) == [.integer(5), .integer(6)])
            }
            let again = try #require(try hq.openConflicts().first)
            #expect(again.id > atHQ.id)
            let labels = Set(hq.describe(again).sides.map { $0.label.isThisOffice })
            #expect(labels == [true, false])
        }
    }
}
