import OfficeWork
import Testing

/// No shown total gives a suppressed count (`<5`) away.
@Suite struct SecondarySuppressionTests {
    static func table(_ rows: [[ReportCell]]) -> ReportTable {
        ReportTable(name: .pacts, title: "t", period: .allTime, columns: ["site", "kind", "active", "closed", "total"], rows: rows)
    }

    /// Whether some group of `table` (a row, or a column over a kind's site rows and its total row)
    /// has exactly one suppressed count.
    static func leaksAnything(_ table: ReportTable) -> Bool {
        let counts = 2..<table.columns.count
        for row in table.rows where counts.filter({ row[$0] == .suppressed }).count == 1 { return true }
        let totals = table.rows.filter { $0[0] == .text("all sites") }
        for column in counts where totals.filter({ $0[column] == .suppressed }).count == 1 { return true }
        for kind in Set(table.rows.map { $0[1] }) {
            let members = table.rows.filter { $0[1] == kind }
            guard members.contains(where: { $0[0] == .text("all sites") }) else { continue }
            for column in counts where members.filter({ $0[column] == .suppressed }).count == 1 { return true }
        }
        return false
    }

    @Test func aLoneSuppressedCountTakesTheSmallestOtherCountOfItsRowAndColumnAlong() {
        let table = Self.table([
            [.text("crema"), .text("inclusione"), .suppressed, .count(10), .count(13)],
            [.text("cremona"), .text("inclusione"), .count(7), .count(20), .count(27)],
            [.text("all sites"), .text("inclusione"), .count(10), .count(30), .count(40)],
        ]).suppressingSecondary(labelColumns: 2, totalLabel: "all sites", rowsAddUp: true)
        #expect(table.rows[0][3] == .suppressed, "crema's closed would give its active count away: 13 - 10")
        #expect(table.rows[1][2] == .suppressed, "cremona's active would give crema's away: 10 - 7")
        #expect(!Self.leaksAnything(table))
    }

    @Test func aTableWithoutSuppressedCountsIsUnchanged() {
        let original = Self.table([
            [.text("crema"), .text("inclusione"), .count(6), .count(10), .count(16)],
            [.text("all sites"), .text("inclusione"), .count(6), .count(10), .count(16)],
        ])
        #expect(original.suppressingSecondary(labelColumns: 2, totalLabel: "all sites", rowsAddUp: true) == original)
    }

    @Test(arguments: 0..<200)
    func randomTablesOfTwoKindsLeakNoSuppressedCount(seed: Int) {
        var generator = SeededRandom(seed: UInt64(seed))
        var rows: [[ReportCell]] = []
        var all = [0, 0]
        var totalRows: [[ReportCell]] = []
        for kind in ["inclusione", "autonomia"] {
            var totals = [0, 0]
            for site in ["crema", "cremona", "casalmaggiore"] {
                let counts = (0..<2).map { _ in Int.random(in: 0...12, using: &generator) }
                for index in 0..<2 { totals[index] += counts[index] }
                rows.append([.text(site), .text(kind)] + counts.map(ReportCell.siteCount) + [.siteCount(counts.reduce(0, +))])
            }
            for index in 0..<2 { all[index] += totals[index] }
            totalRows.append([.text("all sites"), .text(kind)] + totals.map(ReportCell.siteCount) + [.siteCount(totals.reduce(0, +))])
        }
        rows += totalRows
        rows.append([.text("all sites"), .text("all kinds")] + all.map(ReportCell.siteCount) + [.siteCount(all.reduce(0, +))])
        #expect(!Self.leaksAnything(Self.table(rows).suppressingSecondary(labelColumns: 2, totalLabel: "all sites", rowsAddUp: true)))
    }
}
