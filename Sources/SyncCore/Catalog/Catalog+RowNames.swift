extension Catalog {
    /// The columns that name a row of `table` the way people call it (a partner's name, a
    /// household's code, a lab's title), in the order they are said: the table's `naming` in the
    /// catalog file, else its first column after `site_id`. A column that refers to another table
    /// stands for that row's name (a lab session is named by its lab's title and its date).
    public func namingColumns(of table: String) -> [String] {
        guard let spec = self.table(named: table) else { return [] }
        return spec.naming ?? spec.columnNames.dropFirst().first.map { [$0] } ?? []
    }
}
