import SQLiteDatabase

extension Seeder {
    /// Budget shares of each action, and of each site within an action (the rest of an action is hq's).
    static let actionShares: [(action: String, share: Double, hqShare: Double)] = [
        ("pacts", 0.40, 0), ("labs", 0.20, 0), ("civic_center", 0.20, 0), ("coordination", 0.15, 0.6),
        ("fundraising", 0.05, 1),
    ]
    static let yearShares: [(year: Int, share: Double)] = [(2025, 0.3), (2026, 0.4), (2027, 0.3)]

    /// The Cariplo grant (EUR 1,500,000 in three tranches), co-financing pledges and realised
    /// amounts, donations, the budget (EUR 3,300,000 over 2025-2027) and expenses against it.
    func seedMoney() throws {
        let cariplo = partners.first { $0.pledgeCents == 0 }?.id
        for (cents, date) in [(60_000_000, "2025-02-15"), (45_000_000, "2025-12-15"), (45_000_000, "2026-09-30")] {
            try insert(
                "funding",
                [
                    .text("hq"), .text("cariplo_grant"), cariplo.map(SQLValue.text) ?? .null, .integer(Int64(cents)),
                    .text(date),
                ])
        }
        for partner in partners where partner.pledgeCents > 0 {
            try insert(
                "funding",
                [
                    .text(partner.site), .text("cofinancing_pledge"), .text(partner.id), .integer(partner.pledgeCents),
                    .text("2025-01-10"),
                ])
            let realised = Int64(Double(partner.pledgeCents) * Double(random.int(45...85)) / 100)
            for share in split(realised, into: random.int(1...4) * scale) {
                try insert(
                    "funding",
                    [
                        .text(partner.site), .text("cofinancing_actual"), .text(partner.id), .integer(share),
                        .date(day(from: ISODate(year: 2025, month: 3, day: 1)!)),
                    ])
            }
        }
        for site in SeedNames.sites {
            for _ in 0..<scaled(50, weight: site.weight) {
                let euros = random.weighted([
                    (random.int(5...50), 0.6), (random.int(50...200), 0.3), (random.int(200...1_000), 0.1),
                ])
                try insert(
                    "funding", [.text(site.id), .text("donation"), .null, .integer(Int64(euros) * 100), .date(day())])
            }
        }
        finished("funding")

        var document = 0
        for (action, actionShare, hqShare) in Self.actionShares {
            let actionCents = Int64(Double(ProjectBudget.totalCents) * actionShare)
            var siteShares = [("hq", Int64(Double(actionCents) * hqShare))]
            let rest = actionCents - siteShares[0].1
            let weights = SeedNames.sites.reduce(0) { $0 + $1.weight }
            siteShares += SeedNames.sites.map { ($0.id, Int64(Double(rest) * $0.weight / weights)) }
            siteShares[siteShares.count - 1].1 += actionCents - siteShares.reduce(0) { $0 + $1.1 }
            for (site, siteCents) in siteShares where siteCents > 0 {
                var yearCents = Self.yearShares.map { Int64(Double(siteCents) * $0.share) }
                yearCents[yearCents.count - 1] += siteCents - yearCents.reduce(0, +)
                for ((year, _), cents) in zip(Self.yearShares, yearCents) {
                    let line = try insert("budget_line", [.text(site), .text(action), .int(year), .integer(cents)])
                    guard year <= Seeder.asOf.year else { continue }
                    let used = year < Seeder.asOf.year ? Double(random.int(85...100)) : Double(random.int(50...75))
                    let last = year < Seeder.asOf.year ? ISODate(year: year, month: 12, day: 31)! : Seeder.asOf
                    for share in split(Int64(Double(cents) * used / 100), into: 4 * scale) {
                        document += 1
                        try insert(
                            "expense",
                            [
                                .text(site), .text(action), .text(line), .integer(share),
                                .date(day(from: ISODate(year: year, month: 1, day: 1)!, to: last)),
                                .text("FT-\(year)-\(String(document + 100_000).suffix(5))"),
                            ])
                    }
                }
            }
        }
        finished("budget_line")
        finished("expense")
    }
}
