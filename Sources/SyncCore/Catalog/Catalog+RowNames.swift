extension Catalog {
    /// The columns that name a row of `table` the way people call it (a partner's name, a
    /// household's code, a lab's title), in the order they are said. A column that refers to another
    /// table stands for that row's name (a lab session is named by its lab's title and its date).
    /// The one place that chooses, for every table of the FareLegami catalog; other tables are named
    /// by their first column after `site_id`.
    public func namingColumns(of table: String) -> [String] {
        if let columns = Self.namingColumns[table] { return columns }
        return self.table(named: table)?.columnNames.dropFirst().first.map { [$0] } ?? []
    }

    private static let namingColumns: [String: [String]] = [
        "site": ["name"],
        "partner": ["name"],
        "staff": ["name"],
        "household": ["code"],
        "person": ["household_id", "relation", "birth_year"],
        "pact": ["household_id", "kind", "signed_on"],
        "pact_commitment": ["pact_id", "description"],
        "pact_review": ["pact_id", "reviewed_on"],
        "lab": ["title"],
        "lab_session": ["lab_id", "held_on"],
        "civic_center": ["name"],
        "need_report": ["civic_center_id", "reported_on", "category"],
        "volunteer_hours": ["volunteer_code", "done_on"],
        "funding": ["kind", "partner_id", "on_date"],
        "budget_line": ["action", "year"],
        "expense": ["action", "spent_on", "document_ref"],
    ]
}
