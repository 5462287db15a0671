extension Reports {
    static let pactKinds = ["inclusione", "autonomia"]
    static let pactStatuses = ["draft", "active", "suspended", "closed", "withdrawn"]

    /// Pacts by kind and status per site: pacts signed in the period (every pact, drafts included,
    /// when the period is unbounded).
    static func pacts(_ data: ReportData, _ period: ReportPeriod) -> ReportTable {
        let pacts = data.pacts.filter { period.contains($0.signedOn) }
        func row(_ site: String, _ kind: String, _ pacts: [ReportData.Pact]) -> [ReportCell] {
            let counts = pactStatuses.map { status in ReportCell.siteCount(pacts.count { $0.status == status }) }
            return [.text(site), .text(kind)] + counts + [.siteCount(pacts.count)]
        }
        var rows: [[ReportCell]] = []
        let bySite = grouped(pacts, by: \.site)
        for site in ReportData.ordered(bySite.keys) {
            for kind in pactKinds { rows.append(row(site, kind, bySite[site]!.filter { $0.kind == kind })) }
        }
        for kind in pactKinds { rows.append(row(allSites, kind, pacts.filter { $0.kind == kind })) }
        rows.append(row(allSites, "all kinds", pacts))
        return ReportTable(
            name: .pacts, title: "Pacts by kind and status per site", period: period,
            columns: ["site", "kind"] + pactStatuses + ["total"], rows: rows,
            notes: [
                period.isBounded
                    ? "Pacts signed in the period, with their current status." : "Every pact, with its current status.",
                suppressionNote,
            ])
    }

    /// Households and people reached per site: households with a pact signed in the period (every
    /// household when the period is unbounded), the people registered in them and their declared
    /// composition.
    static func households(_ data: ReportData, _ period: ReportPeriod) -> ReportTable {
        let reached: [ReportData.Household]
        if period.isBounded {
            let ids = Set(data.pacts.filter { period.contains($0.signedOn) }.map(\.householdID))
            reached = data.households.filter { ids.contains($0.id) }
        } else {
            reached = data.households
        }
        var people: [String: Int] = [:]
        for household in data.personHouseholds { people[household, default: 0] += 1 }
        func row(_ site: String, _ households: [ReportData.Household]) -> [ReportCell] {
            let registered = households.reduce(0) { $0 + people[$1.id, default: 0] }
            let declared = households.reduce(0) { $0 + $1.adults + $1.minors + $1.over65 }
            return [
                .text(site), .siteCount(households.count), .siteCount(registered), .siteCount(declared),
                .siteCount(households.reduce(0) { $0 + $1.minors }),
                .siteCount(households.reduce(0) { $0 + $1.over65 }),
            ]
        }
        let bySite = grouped(reached, by: \.site)
        let rows = ReportData.ordered(bySite.keys).map { row($0, bySite[$0]!) } + [row(allSites, reached)]
        return ReportTable(
            name: .households, title: "Households and people reached per site", period: period,
            columns: ["site", "households", "people registered", "members declared", "minors", "over 65"], rows: rows,
            notes: [
                period.isBounded
                    ? "Households with a pact signed in the period." : "Every registered household.",
                "Members declared, minors and over 65 are the household's own counts; people registered are person rows.",
                suppressionNote,
            ])
    }
}
