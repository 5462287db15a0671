extension Reports {
    static let budgetActions = ["pacts", "labs", "civic_center", "coordination", "fundraising"]

    /// Co-financing pledged and realised per partner up to the period's end, and realised within it.
    static func cofinancing(_ data: ReportData, _ period: ReportPeriod) -> ReportTable {
        let entries = data.funding.filter { $0.kind.hasPrefix("cofinancing") && period.reaches($0.onDate) }
        func sum(_ entries: [ReportData.Funding], _ kind: String, inPeriod: Bool = false) -> Int64 {
            entries.filter { $0.kind == kind && (!inPeriod || period.contains($0.onDate)) }.reduce(0) { $0 + $1.cents }
        }
        func row(_ name: String, _ entries: [ReportData.Funding]) -> [ReportCell] {
            let pledged = sum(entries, "cofinancing_pledge"), realised = sum(entries, "cofinancing_actual")
            return [
                .text(name), .euros(pledged), .euros(realised),
                .euros(sum(entries, "cofinancing_actual", inPeriod: true)),
                .share(realised, of: pledged),
            ]
        }
        let byPartner = grouped(entries) { $0.partnerID ?? "" }
        let partners = byPartner.map { id, entries in
            (
                name: data.partners[id] ?? (id.isEmpty ? "(no partner)" : id),
                pledged: sum(entries, "cofinancing_pledge"), entries: entries
            )
        }.sorted { ($1.pledged, $0.name) < ($0.pledged, $1.name) }
        return ReportTable(
            name: .cofinancing, title: "Co-financing realised vs pledged per partner", period: period,
            columns: ["partner", "pledged", "realised", "realised in period", "realised %"],
            rows: partners.map { row($0.name, $0.entries) } + [row("all partners", entries)],
            notes: ["Pledged and realised up to the period's end; amounts in euros."])
    }

    /// Donations per site in the period: how many, how much, the average gift.
    static func donations(_ data: ReportData, _ period: ReportPeriod) -> ReportTable {
        let gifts = data.funding.filter { $0.kind == "donation" && period.contains($0.onDate) }
        func row(_ site: String, _ gifts: [ReportData.Funding]) -> [ReportCell] {
            let total = gifts.reduce(0) { $0 + $1.cents }
            return [
                .text(site), .count(gifts.count), .euros(total),
                gifts.isEmpty ? .none : .euros(total / Int64(gifts.count)),
            ]
        }
        let bySite = grouped(gifts, by: \.site)
        return ReportTable(
            name: .donations, title: "Donations per site", period: period,
            columns: ["site", "donations", "amount", "average"],
            rows: ReportData.ordered(bySite.keys).map { row($0, bySite[$0]!) } + [row(allSites, gifts)],
            notes: ["Donations received in the period, by the office that recorded them; amounts in euros."])
    }

    /// Spending in the period against the budget lines of the years it touches, by site and action.
    static func spending(_ data: ReportData, _ period: ReportPeriod) -> ReportTable {
        let lines = data.budgetLines.filter { line in
            (period.from.map { line.year >= $0.year } ?? true) && (period.to.map { line.year <= $0.year } ?? true)
        }
        let expenses = data.expenses.filter { period.contains($0.spentOn) }
        func row(
            _ site: String, _ action: String, _ lines: [ReportData.BudgetLine], _ spent: [ReportData.Expense]
        ) -> [ReportCell] {
            let budget = lines.reduce(0) { $0 + $1.cents }, total = spent.reduce(0) { $0 + $1.cents }
            return [.text(site), .text(action), .euros(budget), .euros(total), .share(total, of: budget)]
        }
        var rows: [[ReportCell]] = []
        let sites = ReportData.ordered(lines.map(\.site) + expenses.map(\.site))
        for site in [String?](sites) + [nil] {
            for action in budgetActions {
                let siteLines = lines.filter { $0.action == action && (site == nil || $0.site == site) }
                let siteSpent = expenses.filter { $0.action == action && (site == nil || $0.site == site) }
                if !siteLines.isEmpty || !siteSpent.isEmpty {
                    rows.append(row(site ?? allSites, action, siteLines, siteSpent))
                }
            }
        }
        rows.append(row(allSites, "all actions", lines, expenses))
        return ReportTable(
            name: .spending, title: "Spending vs budget by site and action", period: period,
            columns: ["site", "action", "budget", "spent", "spent %"], rows: rows,
            notes: ["Budget: the lines of every year the period touches (whole years); spent: expenses in the period."])
    }

    /// Money in and out up to the period's end against the project budget (EUR 3,300,000, of which
    /// EUR 1,500,000 from Fondazione Cariplo and the rest from partners and fundraising).
    static func budget(_ data: ReportData, _ period: ReportPeriod) -> ReportTable {
        func funded(_ kind: String) -> Int64 {
            data.funding.filter { $0.kind == kind && period.reaches($0.onDate) }.reduce(0) { $0 + $1.cents }
        }
        let grant = funded("cariplo_grant"), pledged = funded("cofinancing_pledge")
        let realised = funded("cofinancing_actual"), donations = funded("donation")
        let planned = data.budgetLines.reduce(0) { $0 + $1.cents }
        let spent = data.expenses.filter { period.reaches($0.spentOn) }.reduce(0) { $0 + $1.cents }
        func row(_ item: String, _ amount: Int64, _ target: Int64?) -> [ReportCell] {
            [
                .text(item), .euros(amount), target.map(ReportCell.euros) ?? .none,
                target.map { .share(amount, of: $0) } ?? .none,
            ]
        }
        return ReportTable(
            name: .budget, title: "Against the project budget", period: period,
            columns: ["item", "amount", "target", "% of target"],
            rows: [
                row("Fondazione Cariplo grant received", grant, ProjectBudget.cariploCents),
                row("co-financing pledged", pledged, ProjectBudget.partnersCents),
                row("co-financing realised", realised, ProjectBudget.partnersCents),
                row("donations raised", donations, nil),
                row(
                    "funds in (grant, co-financing realised, donations)", grant + realised + donations,
                    ProjectBudget.totalCents),
                row("budget lines planned (all years)", planned, ProjectBudget.totalCents),
                row("spent", spent, ProjectBudget.totalCents),
            ],
            notes: [
                "Project budget EUR 3,300,000: EUR 1,500,000 from Fondazione Cariplo, EUR 1,800,000 from partners' co-financing and fundraising.",
                "Amounts up to the period's end, in euros.",
            ])
    }
}
