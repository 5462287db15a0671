extension ReportTable {
    /// The table with secondary suppression: a count shown beside a single suppressed one (`<5`) in
    /// a row, or in a column among the rows that add up to a total row, would give the suppressed
    /// value away by subtraction, so the smallest other positive count of that group is suppressed
    /// too, until no group has exactly one suppressed count.
    ///
    /// Groups: each row's counts when they add up to its last one (`rowsAddUp`: statuses and their
    /// total); and, per column, the rows of each site that share their other labels (the first
    /// `labelColumns` cells, the site first) together with the `totalLabel` row that adds them up;
    /// and, per column, the `totalLabel` rows of every kind with the one that adds them all up.
    /// Only tables with suppressed counts change.
    public func suppressingSecondary(labelColumns: Int, totalLabel: String, rowsAddUp: Bool) -> ReportTable {
        var table = self
        let width = columns.count
        var groups: [[(row: Int, column: Int)]] =
            rowsAddUp ? rows.indices.map { row in (labelColumns..<width).map { (row, $0) } } : []
        var byRest: [[ReportCell]: [Int]] = [:]
        for (index, row) in rows.enumerated() { byRest[Array(row[1..<labelColumns]), default: []].append(index) }
        for members in byRest.values where members.contains(where: { rows[$0][0] == .text(totalLabel) }) {
            for column in labelColumns..<width { groups.append(members.map { ($0, column) }) }
        }
        // The total rows of several kinds and the one that adds them up (all sites, all kinds).
        let totals = rows.indices.filter { rows[$0][0] == .text(totalLabel) }
        if labelColumns > 1, totals.count > 1 {
            for column in labelColumns..<width { groups.append(totals.map { ($0, column) }) }
        }
        var changed = true
        while changed {
            changed = false
            for group in groups {
                let suppressed = group.filter { table.rows[$0.row][$0.column] == .suppressed }
                guard suppressed.count == 1 else { continue }
                let candidates = group.compactMap { cell -> (cell: (row: Int, column: Int), count: Int)? in
                    if case .count(let count) = table.rows[cell.row][cell.column], count > 0 { return (cell, count) }
                    return nil
                }
                guard let smallest = candidates.min(by: { $0.count < $1.count }) else { continue }
                table.rows[smallest.cell.row][smallest.cell.column] = .suppressed
                changed = true
            }
        }
        return table
    }
}
