extension Reports {
    /// Labs, sessions and participants per site: sessions held in the period and the labs that held
    /// them (every lab when the period is unbounded).
    static func labs(_ data: ReportData, _ period: ReportPeriod) -> ReportTable {
        let labSite = Dictionary(data.labs.map { ($0.id, $0.site) }, uniquingKeysWith: { first, _ in first })
        let sessions = data.sessions.filter { period.contains($0.heldOn) }
        let activeLabs = period.isBounded ? Set(sessions.map(\.labID)) : Set(data.labs.map(\.id))
        func row(_ site: String, labs: Int, _ sessions: [ReportData.Session]) -> [ReportCell] {
            [
                .text(site), .count(labs), .count(sessions.count), .count(sessions.reduce(0) { $0 + $1.participants }),
                .count(sessions.reduce(0) { $0 + $1.minors }), .count(sessions.reduce(0) { $0 + $1.elderly }),
                .count(sessions.reduce(0) { $0 + $1.volunteers }),
            ]
        }
        let sessionsBySite = grouped(sessions) { labSite[$0.labID] ?? "" }
        let labsBySite = grouped(activeLabs.map { labSite[$0] ?? "" }, by: { $0 })
        let sites = ReportData.ordered(Set(sessionsBySite.keys).union(labsBySite.keys))
        let rows =
            sites.map { row($0, labs: labsBySite[$0]?.count ?? 0, sessionsBySite[$0] ?? []) }
            + [row(allSites, labs: activeLabs.count, sessions)]
        return ReportTable(
            name: .labs, title: "Labs, sessions and participants per site", period: period,
            columns: ["site", "labs", "sessions", "participants", "minors", "elderly", "volunteers"], rows: rows,
            notes: [period.isBounded ? "Labs that held a session in the period." : "Every lab, active or not."])
    }

    static let needStatuses = ["new", "triaged", "in_progress", "answered", "referred", "closed"]

    /// Civic-center needs by status and the average days from report to answer, per center: needs
    /// reported in the period.
    static func needs(_ data: ReportData, _ period: ReportPeriod) -> ReportTable {
        let needs = data.needs.filter { period.contains($0.reportedOn) }
        func row(_ site: String, _ center: String, _ needs: [ReportData.Need]) -> [ReportCell] {
            let days = needs.compactMap { need in
                need.answeredOn.flatMap { a in need.reportedOn.map { a.days(since: $0) } }
            }
            let average: ReportCell = days.isEmpty ? .none : .number(Double(days.reduce(0, +)) / Double(days.count))
            let counts = needStatuses.map { status in ReportCell.count(needs.count { $0.status == status }) }
            return [.text(site), .text(center), .count(needs.count)] + counts + [average]
        }
        let byCenter = grouped(needs, by: \.centerID)
        let siteRank = Dictionary(
            uniqueKeysWithValues: ReportData.ordered(data.centers.map(\.site)).enumerated().map { ($1, $0) })
        let centers = data.centers.sorted { (siteRank[$0.site]!, $0.name) < (siteRank[$1.site]!, $1.name) }
        let rows = centers.map { row($0.site, $0.name, byCenter[$0.id] ?? []) } + [row(allSites, "all centers", needs)]
        return ReportTable(
            name: .needs, title: "Civic-center needs by status, and days to answer", period: period,
            columns: ["site", "civic center", "reported"] + needStatuses + ["avg days to answer"], rows: rows,
            notes: [
                "Needs reported in the period, with their current status; \(data.centers.count) civic centers.",
                "Average days from the report to the answer, over the needs answered so far.",
            ])
    }

    /// Volunteers (distinct codes), entries and hours per site, in the period.
    static func volunteers(_ data: ReportData, _ period: ReportPeriod) -> ReportTable {
        let hours = data.hours.filter { period.contains($0.doneOn) }
        func row(_ site: String, _ hours: [ReportData.Hours]) -> [ReportCell] {
            [
                .text(site), .count(Set(hours.map(\.volunteer)).count), .count(hours.count),
                .number(hours.reduce(0) { $0 + $1.hours }),
            ]
        }
        let bySite = grouped(hours, by: \.site)
        let rows = ReportData.ordered(bySite.keys).map { row($0, bySite[$0]!) } + [row(allSites, hours)]
        return ReportTable(
            name: .volunteers, title: "Volunteers and hours per site", period: period,
            columns: ["site", "volunteers", "entries", "hours"], rows: rows,
            notes: ["Hours given in the period; volunteers are distinct volunteer codes."])
    }
}

extension ReportData {
    /// Lab participants per month (`YYYY-MM`, in order) of the sessions held in `period`: the
    /// figures of the labs report over time.
    public func labParticipantsByMonth(in period: ReportPeriod) -> [(month: String, participants: Int)] {
        var byMonth: [String: Int] = [:]
        for session in sessions where period.contains(session.heldOn) {
            guard let date = session.heldOn else { continue }
            byMonth[String(date.description.prefix(7)), default: 0] += session.participants
        }
        return byMonth.keys.sorted().map { ($0, byMonth[$0]!) }
    }
}
