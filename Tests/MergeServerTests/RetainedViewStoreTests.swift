import Foundation
import MergeServer
import SQLiteDatabase
import SyncCore
import SyncProtocol
import Testing

/// The server keeps the retained view of a contested delete, sends it with the row under the row's
/// privacy, and drops it once the row is no longer contested.
@Suite struct RetainedViewStoreTests {
    @Test func aPushThatContestsADeleteStoresTheLiveSideAndPullsCarryIt() async throws {
        let (fixture, partner, renamed) = try await contested()
        let page = try await fixture.store.pull(
            replica: Replicas.hq, since: 0, limit: 100, for: .centralOffice)
        let row = try #require(page.rows.first { $0.id == "p1" })
        #expect(row.isContestedDelete)
        let views = try #require(page.retained)
        #expect(views.count == 1)
        #expect(views.first?.visibleValues == renamed.visibleValues)
        #expect(views.first?.visibleValues["legal_form"] == partner.visibleValues["legal_form"])
    }

    @Test func aPullWithNoContestedRowHasNoRetainedMember() async throws {
        let fixture = try await Fixture()
        let partner = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        _ = try await fixture.store.push(Rows.changeSet([partner], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        let encoded = try await fixture.store.pullPage(replica: Replicas.hq, since: 0, limit: 100, for: .centralOffice)
        #expect(!String(decoding: encoded.encoded(), as: UTF8.self).contains("retained"))
        #expect(try encoded.decoded().retained == nil)
    }

    @Test func aResolutionDropsTheRetainedView() async throws {
        let (fixture, _, renamed) = try await contested()
        let page = try await fixture.store.pull(replica: Replicas.hq, since: 0, limit: 100, for: .centralOffice)
        let contestedRow = try #require(page.rows.first { $0.id == "p1" })
        let resolution = RowVersion.afterLocalWrite(
            .delete, previous: contestedRow, table: "partner", id: "p1", columns: Self.columns,
            dot: Dot(replica: Replicas.hq, counter: 1))
        _ = try await fixture.store.push(Rows.changeSet([resolution], from: Replicas.hq, site: "hq"), from: .centralOffice)
        // crema pulls the resolved row: no retained view any more, and no value but the owner.
        let after = try await fixture.store.pull(
            replica: Replicas.crema, since: 0, limit: 100, for: Fixture.authenticated("crema"))
        #expect(after.retained == nil)
        let stored = try #require(after.rows.first { $0.id == "p1" })
        #expect(stored == resolution)
        let kept = stored.fields.filter { $0.key != RowVersion.ownerColumn }.values.flatMap { $0 }.filter { $0.value != .null }
        #expect(kept.isEmpty, "the deleted row keeps \(kept)")
        #expect(renamed.isLive)
    }

    @Test func theEditingSiteGetsTheContestedRowBackWithItsRetainedView() async throws {
        let (fixture, _, renamed) = try await contested()
        let page = try await fixture.store.pull(
            replica: Replicas.cremona, since: 0, limit: 100, for: Fixture.authenticated("cremona"))
        #expect(page.rows.first { $0.id == "p1" }?.isContestedDelete == true)
        #expect(page.retained?.map(\.visibleValues) == [renamed.visibleValues])
    }

    @Test func aPushedRetainedViewIsStoredOnlyIfTheRowHasEveryWriteOfIt() async throws {
        let fixture = try await Fixture()
        let crema = Fixture.authenticated("crema")
        let partner = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        _ = try await fixture.store.push(Rows.changeSet([partner], from: Replicas.crema, site: "crema"), from: crema)
        let deleted = RowVersion.afterLocalWrite(
            .delete, previous: partner, table: "partner", id: "p1", columns: Self.columns,
            dot: Dot(replica: Replicas.crema, counter: 2))
        // A view claiming a write the pushed row does not include is ignored.
        let foreign = Rows.update(partner, ["name": .text("Invented")], by: Replicas.crema, counter: 9)
        var changeSet = Rows.changeSet([deleted], from: Replicas.crema, site: "crema")
        changeSet.retained = [foreign]
        _ = try await fixture.store.push(changeSet, from: crema)
        let page = try await fixture.store.pull(replica: Replicas.hq, since: 0, limit: 100, for: .centralOffice)
        #expect(page.retained == nil)
    }

    @Test func aSiteClassRowsRetainedViewGoesOnlyToItsSiteAndTheCentralOffice() async throws {
        let fixture = try await Fixture()
        let crema = Fixture.authenticated("crema")
        let household = Rows.household("h1", site: "crema", by: Replicas.crema)
        _ = try await fixture.store.push(Rows.changeSet([household], from: Replicas.crema, site: "crema"), from: crema)
        let deleted = RowVersion.afterLocalWrite(
            .delete, previous: household, table: "household", id: "h1",
            columns: Catalog.farelegami.table(named: "household")?.columnNames ?? [], dot: Dot(replica: Replicas.hq, counter: 1))
        let edited = Rows.update(household, ["adults": .integer(3)], by: Replicas.crema, counter: 2)
        _ = try await fixture.store.push(Rows.changeSet([deleted], from: Replicas.hq, site: "hq"), from: .centralOffice)
        _ = try await fixture.store.push(Rows.changeSet([edited], from: Replicas.crema, site: "crema"), from: crema)

        let atCremona = try await fixture.store.pull(
            replica: Replicas.cremona, since: 0, limit: 100, for: Fixture.authenticated("cremona"))
        #expect(atCremona.rows.isEmpty && atCremona.retained == nil, "another site got crema's household")
        let atCrema = try await fixture.store.pull(replica: Replicas.crema, since: 0, limit: 100, for: crema)
        #expect(atCrema.retained?.map(\.visibleValues) == [edited.visibleValues])
        let atHQ = try await fixture.store.pull(replica: Replicas.hq, since: 0, limit: 100, for: .centralOffice)
        #expect(atHQ.retained?.map(\.visibleValues) == [edited.visibleValues])
    }

    static let columns = Catalog.farelegami.table(named: "partner")?.columnNames ?? []

    /// crema inserts p1 and deletes it; cremona, having seen the insert only, renames it.
    private func contested() async throws -> (Fixture, RowVersion, RowVersion) {
        let fixture = try await Fixture()
        let partner = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        let crema = Fixture.authenticated("crema")
        _ = try await fixture.store.push(Rows.changeSet([partner], from: Replicas.crema, site: "crema"), from: crema)
        let deleted = RowVersion.afterLocalWrite(
            .delete, previous: partner, table: "partner", id: "p1", columns: Self.columns,
            dot: Dot(replica: Replicas.crema, counter: 2))
        let renamed = Rows.update(partner, ["name": .text("Iride 2")], by: Replicas.cremona, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([deleted], from: Replicas.crema, site: "crema"), from: crema)
        _ = try await fixture.store.push(
            Rows.changeSet([renamed], from: Replicas.cremona, site: "cremona"), from: Fixture.authenticated("cremona"))
        return (fixture, partner, renamed)
    }
}
