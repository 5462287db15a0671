import SQLiteDatabase

/// Writes realistic demo and benchmark data into an empty replica in one transaction, with
/// prepared statements; deterministic for a given seed and scale.
final class Seeder {
    /// The first day of the project and the day the seeded history stops.
    static let projectStart = ISODate(year: 2025, month: 1, day: 1)!
    static let asOf = ISODate(year: 2026, month: 10, day: 31)!

    /// The columns the seeder fills for each table, in the order `insert` takes values (`id` apart).
    static let columns: [String: [String]] = [
        "site": ["site_id", "name", "kind"],
        "partner": ["site_id", "name", "legal_form", "tax_code", "role"],
        "staff": ["site_id", "name", "role", "email", "phone"],
        "household": [
            "site_id", "code", "municipality", "adults", "minors", "over65", "vulnerability", "referral_source",
        ],
        "person": ["site_id", "household_id", "relation", "birth_year", "sex"],
        "pact": [
            "site_id", "household_id", "kind", "partner_id", "maker_id", "status", "signed_on", "ends_on", "outcome",
        ],
        "pact_commitment": [
            "site_id", "pact_id", "party", "kind", "description", "quantity", "unit", "due_on", "status",
        ],
        "pact_review": ["site_id", "pact_id", "reviewed_on", "decision", "notes"],
        "lab": ["site_id", "theme", "title", "area", "promoter_partner_id", "status"],
        "lab_session": ["site_id", "lab_id", "held_on", "participants", "minors", "elderly", "volunteers"],
        "civic_center": ["site_id", "name", "host", "opened_on"],
        "need_report": [
            "site_id", "civic_center_id", "reported_on", "category", "urgency", "status", "description", "answered_on",
            "response",
        ],
        "volunteer_hours": ["site_id", "volunteer_code", "partner_id", "done_on", "hours", "activity"],
        "funding": ["site_id", "kind", "partner_id", "amount_cents", "on_date"],
        "budget_line": ["site_id", "action", "year", "amount_cents"],
        "expense": ["site_id", "action", "budget_line_id", "amount_cents", "spent_on", "document_ref"],
    ]

    struct Partner { let id: String, site: String, pledgeCents: Int64 }

    let connection: Connection
    let scale: Int
    /// The sites that get site-class rows: every territorial site on the central replica, else only its own.
    let caseSites: [(id: String, name: String, weight: Double)]
    var random: SeededRandom
    let progress: (SeedProgress) -> Void
    private(set) var counts: [String: Int] = [:]
    private var statements: [String: String] = [:]

    var partners: [Partner] = []
    var makers: [(id: String, site: String)] = []
    var households: [(id: String, site: String, members: Int)] = []

    init(connection: Connection, site: String, scale: Int, seed: UInt64, progress: @escaping (SeedProgress) -> Void) {
        self.connection = connection
        self.scale = scale
        self.random = SeededRandom(seed: seed)
        self.progress = progress
        let central = site == "hq" || !SeedNames.sites.contains { $0.id == site }
        caseSites = central ? SeedNames.sites : SeedNames.sites.filter { $0.id == site }
        for (table, columns) in Self.columns {
            let marks = (1...columns.count + 1).map { "?\($0)" }.joined(separator: ", ")
            statements[table] = "INSERT INTO \(table) (id, \(columns.joined(separator: ", "))) VALUES (\(marks))"
        }
    }

    /// Writes everything, table by table, reporting progress after each.
    func run() throws -> [String: Int] {
        try seedOrganisation()
        try seedCases()
        try seedActivities()
        try seedMoney()
        return counts
    }

    /// Inserts a row of `table` with `values` in `columns` order and returns its new id.
    @discardableResult
    func insert(_ table: String, _ values: [SQLValue], id: String? = nil) throws -> String {
        let id = id ?? random.uuid()
        try connection.prepare(statements[table]!).bind([.text(id)] + values).run()
        counts[table, default: 0] += 1
        return id
    }

    /// Reports that `table` is done.
    func finished(_ table: String) {
        progress(SeedProgress(table: table, rows: counts[table, default: 0], total: counts.values.reduce(0, +)))
    }

    /// `base` scaled by the run's scale and a site's weight, at least `minimum`.
    func scaled(_ base: Double, weight: Double = 1, minimum: Int = 1) -> Int {
        max(minimum, Int((base * weight * Double(scale)).rounded()))
    }

    /// A random date in the seeded history, optionally from `first`.
    func day(from first: ISODate = Seeder.projectStart, to last: ISODate = Seeder.asOf) -> ISODate {
        random.date(first, max(first, last))
    }

    /// `total` cents split into `parts` random shares that add up exactly.
    func split(_ total: Int64, into parts: Int) -> [Int64] {
        guard parts > 1 else { return [total] }
        let weights = (0..<parts).map { _ in Double(random.int(50...150)) }
        let sum = weights.reduce(0, +)
        var shares = weights.map { Int64(Double(total) * $0 / sum) }
        shares[parts - 1] += total - shares.reduce(0, +)
        return shares
    }
}

extension SQLValue {
    /// Text from a date.
    static func date(_ date: ISODate?) -> SQLValue { date.map { .text($0.description) } ?? .null }
    /// An integer from an `Int`.
    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
}
