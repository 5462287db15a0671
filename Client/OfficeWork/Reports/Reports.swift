/// The funder's reports as pure functions of `ReportData` and a period.
public enum Reports {
    /// The note every report of site-class data carries.
    static let suppressionNote =
        "Counts of households, people and pacts from 1 to 4 are shown as <5 (privacy), and so is one more count "
        + "of a row or column with a single <5, so that no total gives it away."
    /// The label of total rows.
    static let allSites = "all sites"

    /// Report `name` (not `.all`) over `period`.
    public static func compute(_ name: ReportName, data: ReportData, period: ReportPeriod) -> ReportTable {
        var table: ReportTable
        switch name {
        case .pacts: table = pacts(data, period).suppressingSecondary(labelColumns: 2, totalLabel: allSites, rowsAddUp: true)
        case .households: table = households(data, period).suppressingSecondary(
            labelColumns: 1, totalLabel: allSites, rowsAddUp: false)
        case .labs: table = labs(data, period)
        case .needs: table = needs(data, period)
        case .volunteers: table = volunteers(data, period)
        case .cofinancing: table = cofinancing(data, period)
        case .donations: table = donations(data, period)
        case .spending: table = spending(data, period)
        case .budget, .all: table = budget(data, period)
        }
        if data.replicaSite != "hq", [.pacts, .households].contains(name) {
            table.notes.append(
                "Computed on the \(data.replicaSite) replica: site-class figures cover \(data.replicaSite) only.")
        }
        return table
    }

    /// The values of `items` grouped by `key`, in report site order when keys are sites.
    static func grouped<Item>(_ items: [Item], by key: (Item) -> String) -> [String: [Item]] {
        Dictionary(grouping: items, by: key)
    }
}
