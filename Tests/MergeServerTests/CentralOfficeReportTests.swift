import Foundation
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

/// The store's listings for the central office: open conflicts with their sides, row totals.
@Suite struct CentralOfficeReportTests {
    @Test func anOpenConflictListsEverySideAndTheOneShownUntilResolved() async throws {
        let fixture = try await Fixture()
        try await CentralOfficeScenario.run(on: fixture)
        let conflicts = try await fixture.store.openConflicts(for: .centralOffice, limit: 10)
        let conflict = try #require(conflicts.first)
        #expect(conflicts.count == 1)
        #expect(conflict.table == "partner" && conflict.rowID == "p1" && conflict.column == "name")
        #expect(conflict.site == "crema" && !conflict.rowDeleted)
        #expect(conflict.openedAt == "2026-05-28T20:26:40Z")
        #expect(conflict.sides.map(\.dot) == ["cremona-pc-1:1", "crema-pc-1:2"])
        #expect(conflict.sides.map(\.value) == [.text(CentralOfficeScenario.cremonaName), .text(CentralOfficeScenario.cremaName)])
        #expect(conflict.sides.map(\.shown) == [false, true])
    }

    @Test func aSiteSeesOnlyTheConflictsOnRowsItMayHold() async throws {
        let fixture = try await Fixture()
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        let crema = Fixture.authenticated("crema")
        _ = try await fixture.store.push(Rows.changeSet([household], from: Replicas.crema, site: "crema"), from: crema)
        let fromCrema = Rows.update(household, ["adults": .integer(3)], by: Replicas.crema, counter: 2)
        let fromHQ = Rows.update(household, ["adults": .integer(4)], by: Replicas.hq, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([fromCrema], from: Replicas.crema, site: "crema"), from: crema)
        _ = try await fixture.store.push(Rows.changeSet([fromHQ], from: Replicas.hq, site: "hq"), from: Fixture.authenticated("hq"))
        #expect(try await fixture.store.openConflicts(for: crema, limit: 10).count == 1)
        #expect(try await fixture.store.openConflicts(for: Fixture.authenticated("cremona"), limit: 10).isEmpty)
        #expect(try await fixture.store.openConflicts(for: .centralOffice, limit: 0).isEmpty, "the limit is kept")
    }

    @Test func aDeleteConcurrentWithAnUpdateShowsTheDeletedSide() async throws {
        let fixture = try await Fixture()
        let partner = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        let crema = Fixture.authenticated("crema")
        _ = try await fixture.store.push(Rows.changeSet([partner], from: Replicas.crema, site: "crema"), from: crema)
        let deleted = RowVersion.afterLocalWrite(
            .delete, previous: partner, table: "partner", id: "p1",
            columns: Catalog.farelegami.table(named: "partner")?.columnNames ?? [],
            dot: Dot(replica: Replicas.crema, counter: 2))
        let renamed = Rows.update(partner, ["name": .text("Iride 2")], by: Replicas.cremona, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([deleted], from: Replicas.crema, site: "crema"), from: crema)
        _ = try await fixture.store.push(
            Rows.changeSet([renamed], from: Replicas.cremona, site: "cremona"), from: Fixture.authenticated("cremona"))

        let conflicts = try await fixture.store.openConflicts(for: .centralOffice, limit: 10)
        // One conflict, on the row's existence: the row is deleted everywhere until resolved.
        #expect(conflicts.count == 1)
        let conflict = try #require(conflicts.first { $0.column == RowVersion.liveColumn })
        #expect(conflict.rowDeleted)
        #expect(conflict.sides.map(\.isDelete) == [false, true])
        #expect(conflict.sides.map { DashboardPage.display($0, column: conflict.column) } == ["(row exists)", "(deleted)"])
        #expect(conflict.sides.filter(\.shown).map(\.isDelete) == [true], "the delete is what every replica shows")
    }

    @Test func totalsCountLiveAndDeletedRowsByTableAndBySiteForSiteClassTables() async throws {
        let fixture = try await Fixture()
        let crema = Fixture.authenticated("crema")
        let cremona = Fixture.authenticated("cremona")
        let h1 = Rows.household("h1", site: "crema", by: Replicas.crema, counter: 1)
        let h2 = Rows.household("h2", site: "crema", by: Replicas.crema, counter: 2)
        let h3 = Rows.household("h3", site: "cremona", by: Replicas.cremona, counter: 1)
        let partner = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema, counter: 3)
        _ = try await fixture.store.push(Rows.changeSet([h1, h2, partner], from: Replicas.crema, site: "crema"), from: crema)
        _ = try await fixture.store.push(Rows.changeSet([h3], from: Replicas.cremona, site: "cremona"), from: cremona)
        let deleteH2 = RowVersion.afterLocalWrite(
            .delete, previous: h2, table: "household", id: "h2",
            columns: Catalog.farelegami.table(named: "household")?.columnNames ?? [],
            dot: Dot(replica: Replicas.crema, counter: 4))
        _ = try await fixture.store.push(Rows.changeSet([deleteH2], from: Replicas.crema, site: "crema"), from: crema)

        let totals = Dictionary(uniqueKeysWithValues: try await fixture.store.tableTotals().map { ($0.table, $0) })
        #expect(Set(totals.keys) == Set(Catalog.farelegami.syncedTables.map(\.name)), "every synced table, none local")
        #expect(
            totals["household"]
                == TableTotals(
                    table: "household", privacy: .site, live: 2, deleted: 1,
                    bySite: [.init(site: "crema", live: 1, deleted: 1), .init(site: "cremona", live: 1, deleted: 0)]))
        #expect(totals["partner"] == TableTotals(table: "partner", privacy: .shared, live: 1, deleted: 0))
        #expect(totals["pact"] == TableTotals(table: "pact", privacy: .site))
    }

    static let ages: [(age: TimeInterval, text: String)] = [
        (30, "just now"), (600, "10 min ago"), (5 * 3_600, "5 h ago"), (47 * 3_600, "47 h ago"),
        (3 * 86_400 + 10, "3 days ago"), (-3_600, "in the future"),
    ]

    @Test(arguments: ages)
    func agesReadLikeAPersonWouldSayThem(age: TimeInterval, text: String) {
        let now = Fixture.clock()
        #expect(ReadableTime.age(of: now.addingTimeInterval(-age), now: now) == text)
    }
}
