import Foundation
import OfficeWork
import ReplicaStore
import Testing

/// Each report on the known data of `addReportFixture`, with the figures worked out by hand.
@Suite struct ReportTests {
    static let firstHalf = try! ReportPeriod(half: "2026-H1")

    func report(_ name: ReportName, _ period: ReportPeriod = firstHalf) throws -> ReportTable {
        try withOffice(site: "hq") { office in
            try office.addReportFixture()
            return try office.report(name, period: period)[0]
        }
    }

    @Test func periodsAreHalfYearsOrRanges() throws {
        #expect(Self.firstHalf.description == "2026-01-01 to 2026-06-30")
        #expect(try ReportPeriod(half: "2026-h2").description == "2026-07-01 to 2026-12-31")
        #expect(officeError { _ = try ReportPeriod(half: "2026-Q1") }?.description.hasPrefix("period: ") == true)
        #expect(officeError { _ = try ReportPeriod(from: "2026-06-31", to: nil) }?.field == "from")
        #expect(officeError { _ = try ReportPeriod(from: "2026-06-30", to: "2026-01-01") } != nil)
    }

    @Test func pactsByKindAndStatusPerSiteSuppressSmallCounts() throws {
        let table = try report(.pacts)
        // crema: 5 inclusione active would give cremona's 2 autonomia away through the all-sites
        // totals (7 - 5), so they are suppressed too; the 1 autonomia closed is suppressed.
        #expect(table.cell("crema", "inclusione", column: "active") == .suppressed)
        #expect(table.cell("crema", "inclusione", column: "total") == .suppressed)
        #expect(table.cell("crema", "autonomia", column: "closed") == .suppressed)
        #expect(table.cell("crema", "autonomia", column: "draft") == .count(0))
        // cremona: 2 autonomia signed in April (<5); the inclusione of 2025 is outside the period.
        #expect(table.cell("cremona", "autonomia", column: "active") == .suppressed)
        #expect(table.cell("cremona", "inclusione", column: "total") == .count(0))
        #expect(table.cell("all sites", "autonomia", column: "total") == .suppressed)
        // 7 active beside 1 closed (<5) and a total of 8 would give the closed one away.
        #expect(table.cell("all sites", "all kinds", column: "active") == .suppressed)
        #expect(table.cell("all sites", "all kinds", column: "total") == .count(8))
        #expect(table.text.contains("<5"))

        let allTime = try report(.pacts, .allTime)
        #expect(allTime.cell("crema", "inclusione", column: "draft") == .suppressed)
        #expect(allTime.cell("crema", "inclusione", column: "total") == .suppressed, "6 minus 5 active = the 1 draft")
        #expect(allTime.cell("all sites", "all kinds", column: "total") == .count(10))
    }

    @Test func householdsAndPeopleReachedAreThoseWithAPactInThePeriod() throws {
        let table = try report(.households)
        // Crema's counts beside cremona's suppressed ones and the totals would give cremona's away.
        #expect(table.cell("crema", column: "households") == .suppressed)
        #expect(table.cell("crema", column: "people registered") == .suppressed)
        #expect(table.cell("crema", column: "members declared") == .suppressed)
        #expect(table.cell("crema", column: "minors") == .count(6))
        #expect(table.cell("crema", column: "over 65") == .count(0))
        #expect(table.cell("cremona", column: "households") == .suppressed)
        #expect(table.cell("cremona", column: "people registered") == .suppressed)
        #expect(table.cell("cremona", column: "members declared") == .suppressed)
        #expect(table.cell("all sites", column: "households") == .count(7))
        #expect(table.cell("all sites", column: "people registered") == .count(13))
        #expect(table.cell("all sites", column: "over 65") == .suppressed)
        // Over all time every household counts, cremona's hm2 too (2 households: suppressed).
        let allTime = try report(.households, .allTime)
        #expect(allTime.cell("cremona", column: "households") == .suppressed)
        #expect(allTime.cell("cremona", column: "members declared") == .count(7))
        #expect(allTime.cell("all sites", column: "households") == .count(8))
    }

    @Test func labsSessionsAndParticipants() throws {
        let table = try report(.labs)
        #expect(table.rows.count == 2)
        #expect(table.rows[0] == [.text("crema"), .count(1), .count(2), .count(30), .count(8), .count(7), .count(3)])
        #expect(table.cell("all sites", column: "sessions") == .count(2))
        let allTime = try report(.labs, .allTime)
        #expect(allTime.cell("crema", column: "labs") == .count(2))
        #expect(allTime.cell("cremona", column: "participants") == .count(8))
        #expect(allTime.cell("all sites", column: "labs") == .count(3))
    }

    @Test func needsByStatusWithTheAverageDaysToAnswer() throws {
        let table = try report(.needs)
        #expect(table.cell("crema", "Centro A", column: "reported") == .count(3))
        #expect(table.cell("crema", "Centro A", column: "new") == .count(1))
        #expect(table.cell("crema", "Centro A", column: "answered") == .count(1))
        #expect(table.cell("crema", "Centro A", column: "referred") == .count(1))
        #expect(table.cell("crema", "Centro A", column: "avg days to answer") == .number(7))
        let allTime = try report(.needs, .allTime)
        #expect(allTime.cell("all sites", "all centers", column: "avg days to answer")?.description == "5.3")
    }

    @Test func volunteersAndHours() throws {
        let table = try report(.volunteers)
        #expect(
            table.rows == [
                [.text("crema"), .count(2), .count(3), .number(7)],
                [.text("cremona"), .count(1), .count(1), .number(4)],
                [.text("all sites"), .count(3), .count(4), .number(11)],
            ])
    }

    @Test func coFinancingRealisedVersusPledgedPerPartner() throws {
        let table = try report(.cofinancing)
        #expect(
            table.rows.map { $0[0] } == [.text("Comune di Cremona"), .text("Comune di Crema"), .text("all partners")])
        #expect(table.rows[0].dropFirst() == [.euros(30_000_000), .euros(15_000_000), .euros(5_000_000), .percent(50)])
        #expect(table.rows[1].dropFirst() == [.euros(20_000_000), .euros(5_000_000), .euros(5_000_000), .percent(25)])
        #expect(
            table.rows[2].dropFirst() == [.euros(50_000_000), .euros(20_000_000), .euros(10_000_000), .percent(40)])
    }

    @Test func donationsPerSite() throws {
        let table = try report(.donations)
        #expect(
            table.rows == [
                [.text("crema"), .count(2), .euros(7_550), .euros(3_775)],
                [.text("all sites"), .count(2), .euros(7_550), .euros(3_775)],
            ])
    }

    @Test func spendingVersusBudgetBySiteAndAction() throws {
        let table = try report(.spending)
        #expect(table.cell("crema", "pacts", column: "budget") == .euros(2_000_000))
        #expect(table.cell("crema", "pacts", column: "spent") == .euros(500_000))
        #expect(table.cell("crema", "labs", column: "spent %") == .percent(25))
        #expect(table.cell("hq", "coordination", column: "budget") == nil)
        #expect(table.cell("all sites", "all actions", column: "budget") == .euros(3_000_000))
        #expect(table.cell("all sites", "all actions", column: "spent") == .euros(750_000))
    }

    @Test func fundsAndSpendingAgainstTheProjectBudget() throws {
        let table = try report(.budget)
        #expect(table.cell("Fondazione Cariplo grant received", column: "% of target") == .percent(40))
        #expect(table.cell("Fondazione Cariplo grant received", column: "target") == .euros(150_000_000))
        #expect(table.cell("co-financing realised", column: "amount") == .euros(20_000_000))
        #expect(table.cell("donations raised", column: "target") == ReportCell.none)
        #expect(
            table.cell("funds in (grant, co-financing realised, donations)", column: "amount") == .euros(80_007_550))
        #expect(table.cell("budget lines planned (all years)", column: "amount") == .euros(3_500_000))
        #expect(table.cell("spent", column: "amount") == .euros(1_150_000))
        #expect(table.cell("spent", column: "% of target")?.description == "0.3%")
    }

    @Test func reportsRenderAsTextCSVAndJSON() throws {
        let table = try report(.pacts)
        #expect(table.text.hasPrefix("Pacts by kind and status per site (2026-01-01 to 2026-06-30)\n"))
        #expect(
            table.csv().hasPrefix(
                "site,kind,draft,active,suspended,closed,withdrawn,total\r\ncrema,inclusione,0,<5,0,0,0,<5\r\n"))
        #expect(table.csv().contains("crema,autonomia,0,0,0,<5,0,<5\r\n"))
        let json = String(decoding: try JSONEncoder().encode(table), as: UTF8.self)
        #expect(json.contains("\"closed\":\"<5\""))
        #expect(json.contains("\"from\":\"2026-01-01\""))
    }

    @Test func aTerritorialReplicaSaysItsFiguresCoverOneSite() throws {
        try withOffice(site: "crema") { office in
            let table = try office.report(.pacts)[0]
            #expect(table.notes.last == "Computed on the crema replica: site-class figures cover crema only.")
        }
    }
}
