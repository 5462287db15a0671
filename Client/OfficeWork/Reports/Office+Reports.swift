import SQLiteDatabase
import SyncCore

extension Office {
    /// The report(s) `name` stands for over `period`, computed from this replica's rows.
    ///
    /// Run on the central office's replica (`hq`) for the whole project; on a territorial replica
    /// the site-class figures cover that site only (a note says so).
    public func report(_ name: ReportName, period: ReportPeriod = .allTime) throws(OfficeError) -> [ReportTable] {
        let data = try reportData()
        let names = name == .all ? ReportName.each : [name]
        return names.map { Reports.compute($0, data: data, period: period) }
    }

    /// Every row reports need, read in one transaction.
    public func reportData() throws(OfficeError) -> ReportData {
        let connection = replica.connection
        let site = replica.site
        return try OfficeError.wrap("reading the replica for reports") {
            try connection.transaction {
                func rows(_ table: String, _ columns: String) throws -> [[SQLValue]] {
                    try connection.query("SELECT \(columns) FROM \(table)")
                }
                var data = ReportData()
                data.replicaSite = site
                for row in try rows("site", "id, name") { data.sites[row.text(0)] = row.text(1) }
                for row in try rows("partner", "id, name") { data.partners[row.text(0)] = row.text(1) }
                data.pacts = try rows("pact", "site_id, household_id, kind, status, signed_on").map {
                    .init(site: $0.text(0), householdID: $0.text(1), kind: $0.text(2), status: $0.text(3), signedOn: $0.date(4))
                }
                data.households = try rows("household", "id, site_id, adults, minors, over65").map {
                    .init(id: $0.text(0), site: $0.text(1), adults: $0.int(2), minors: $0.int(3), over65: $0.int(4))
                }
                data.personHouseholds = try rows("person", "household_id").map { $0.text(0) }
                data.labs = try rows("lab", "id, site_id, theme").map {
                    .init(id: $0.text(0), site: $0.text(1), theme: $0.text(2))
                }
                data.sessions = try rows("lab_session", "lab_id, held_on, participants, minors, elderly, volunteers").map {
                    .init(
                        labID: $0.text(0), heldOn: $0.date(1), participants: $0.int(2), minors: $0.int(3),
                        elderly: $0.int(4), volunteers: $0.int(5))
                }
                data.centers = try rows("civic_center", "id, site_id, name").map {
                    .init(id: $0.text(0), site: $0.text(1), name: $0.text(2))
                }
                data.needs = try rows("need_report", "civic_center_id, status, reported_on, answered_on").map {
                    .init(centerID: $0.text(0), status: $0.text(1), reportedOn: $0.date(2), answeredOn: $0.date(3))
                }
                data.hours = try rows("volunteer_hours", "site_id, volunteer_code, done_on, hours").map {
                    .init(site: $0.text(0), volunteer: $0.text(1), doneOn: $0.date(2), hours: $0.real(3))
                }
                data.funding = try rows("funding", "site_id, kind, partner_id, amount_cents, on_date").map {
                    .init(site: $0.text(0), kind: $0.text(1), partnerID: $0[2].text, cents: $0.cents(3), onDate: $0.date(4))
                }
                data.budgetLines = try rows("budget_line", "site_id, action, year, amount_cents").map {
                    .init(site: $0.text(0), action: $0.text(1), year: $0.int(2), cents: $0.cents(3))
                }
                data.expenses = try rows("expense", "site_id, action, amount_cents, spent_on").map {
                    .init(site: $0.text(0), action: $0.text(1), cents: $0.cents(2), spentOn: $0.date(3))
                }
                return data
            }
        }
    }
}

extension [SQLValue] {
    /// The text at `index` ("" for NULL).
    fileprivate func text(_ index: Int) -> String { self[index].text ?? "" }

    /// The whole number at `index` (0 for NULL).
    fileprivate func int(_ index: Int) -> Int { Int(self[index].integer ?? 0) }

    /// The cents at `index` (0 for NULL).
    fileprivate func cents(_ index: Int) -> Int64 { self[index].integer ?? 0 }

    /// The real at `index` (0 for NULL; integers widen).
    fileprivate func real(_ index: Int) -> Double {
        switch self[index] {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: 0
        }
    }

    /// The date at `index` (nil for NULL or a malformed date).
    fileprivate func date(_ index: Int) -> ISODate? { self[index].text.flatMap(ISODate.init) }
}
