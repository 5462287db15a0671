/// The FareLegami data model: every domain table a replica holds (shared/DOMAIN.md, names kept).
public struct Catalog: Sendable {
    /// The tables in creation order.
    public let tables: [TableSpec]
    /// The schema version: bump it with every change to `tables` (see protocol/SYNC.md, "Schema versions").
    public let schemaVersion: Int

    private let index: [String: Int]

    /// A catalog of `tables` at `schemaVersion`.
    public init(schemaVersion: Int, tables: [TableSpec]) {
        self.schemaVersion = schemaVersion
        self.tables = tables
        self.index = Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1.name, $0) })
    }

    /// The table called `name`, if the catalog has one.
    public func table(named name: String) -> TableSpec? {
        index[name].map { tables[$0] }
    }

    /// The tables that are captured and synced (every class but `local`).
    public var syncedTables: [TableSpec] { tables.filter(\.isSynced) }
}

extension Catalog {
    /// The FareLegami catalog this build speaks.
    public static let farelegami = Catalog(schemaVersion: 1, tables: [
        TableSpec("site", .shared, [
            ColumnSpec("name"), ColumnSpec("kind", allowed: ["territorial", "central"]),
        ]),
        TableSpec("partner", .shared, [
            ColumnSpec("name"), ColumnSpec("legal_form"), ColumnSpec("tax_code"),
            ColumnSpec("role", allowed: ["lead", "partner", "supporter"]),
        ]),
        TableSpec("staff", .shared, [
            ColumnSpec("name"),
            ColumnSpec("role", allowed: ["community_maker", "operator", "site_coordinator", "central_admin"]),
            ColumnSpec("email"), ColumnSpec("phone"),
        ]),
        TableSpec("household", .site, [
            ColumnSpec("code"), ColumnSpec("municipality"), ColumnSpec("adults", .integer),
            ColumnSpec("minors", .integer), ColumnSpec("over65", .integer), ColumnSpec("vulnerability"),
            ColumnSpec("referral_source"),
        ]),
        TableSpec("person", .site, [
            ColumnSpec("household_id", references: "household"), ColumnSpec("relation"),
            ColumnSpec("birth_year", .integer), ColumnSpec("sex"),
        ]),
        TableSpec("person_identity", .local, [
            ColumnSpec("person_id", references: "person"), ColumnSpec("full_name"), ColumnSpec("tax_code"),
            ColumnSpec("phone"), ColumnSpec("address"), ColumnSpec("consent_on"),
        ]),
        TableSpec("pact", .site, [
            ColumnSpec("household_id", references: "household"),
            ColumnSpec("kind", allowed: ["inclusione", "autonomia"]),
            ColumnSpec("partner_id", references: "partner"), ColumnSpec("maker_id", references: "staff"),
            ColumnSpec("status", allowed: ["draft", "active", "suspended", "closed", "withdrawn"]),
            ColumnSpec("signed_on"), ColumnSpec("ends_on"), ColumnSpec("outcome"),
        ]),
        TableSpec("pact_commitment", .site, [
            ColumnSpec("pact_id", references: "pact"),
            ColumnSpec("party", allowed: ["beneficiary", "partner", "volunteer", "lab"]),
            ColumnSpec("kind", allowed: ["action", "support", "restitution"]),
            ColumnSpec("description"), ColumnSpec("quantity", .real), ColumnSpec("unit"), ColumnSpec("due_on"),
            ColumnSpec("status"),
        ]),
        TableSpec("pact_review", .site, [
            ColumnSpec("pact_id", references: "pact"), ColumnSpec("reviewed_on"),
            ColumnSpec("decision", allowed: ["continue", "modify", "close"]), ColumnSpec("notes"),
        ]),
        TableSpec("lab", .shared, [
            ColumnSpec("theme", allowed: [
                "conciliation", "solidarity_purchasing", "housing", "town_centre", "economic_hardship",
                "loneliness", "other",
            ]),
            ColumnSpec("title"), ColumnSpec("area"), ColumnSpec("promoter_partner_id", references: "partner"),
            ColumnSpec("status", allowed: ["planned", "active", "closed"]),
        ]),
        TableSpec("lab_session", .shared, [
            ColumnSpec("lab_id", references: "lab"), ColumnSpec("held_on"), ColumnSpec("participants", .integer),
            ColumnSpec("minors", .integer), ColumnSpec("elderly", .integer), ColumnSpec("volunteers", .integer),
        ]),
        TableSpec("civic_center", .shared, [
            ColumnSpec("name"), ColumnSpec("host"), ColumnSpec("opened_on"),
        ]),
        TableSpec("need_report", .shared, [
            ColumnSpec("civic_center_id", references: "civic_center"), ColumnSpec("reported_on"),
            ColumnSpec("category", allowed: ["housing", "work", "care", "isolation", "economic", "education", "other"]),
            ColumnSpec("urgency", allowed: ["low", "medium", "high"]),
            ColumnSpec("status", allowed: ["new", "triaged", "in_progress", "answered", "referred", "closed"]),
            ColumnSpec("description"), ColumnSpec("answered_on"), ColumnSpec("response"),
        ]),
        TableSpec("volunteer_hours", .shared, [
            ColumnSpec("volunteer_code"), ColumnSpec("partner_id", references: "partner"), ColumnSpec("done_on"),
            ColumnSpec("hours", .real), ColumnSpec("activity"),
        ]),
        TableSpec("funding", .shared, [
            ColumnSpec("kind", allowed: ["cariplo_grant", "cofinancing_pledge", "cofinancing_actual", "donation"]),
            ColumnSpec("partner_id", references: "partner"), ColumnSpec("amount_cents", .integer),
            ColumnSpec("on_date"),
        ]),
        TableSpec("budget_line", .shared, [
            ColumnSpec("action", allowed: budgetActions), ColumnSpec("year", .integer),
            ColumnSpec("amount_cents", .integer),
        ]),
        TableSpec("expense", .shared, [
            ColumnSpec("action", allowed: budgetActions), ColumnSpec("budget_line_id", references: "budget_line"),
            ColumnSpec("amount_cents", .integer), ColumnSpec("spent_on"), ColumnSpec("document_ref"),
        ]),
    ])

    private static let budgetActions = ["pacts", "labs", "civic_center", "coordination", "fundraising"]
}
