import OfficeWork
import SyncCore

/// The words of one language (`Italian.strings` by default), looked up by key; a missing key shows
/// itself, so a gap in a translation is visible rather than blank.
struct Texts: Sendable {
    /// Every string by key.
    let strings: [String: String]
    /// The catalog whose labels name tables, fields and values (protocol/catalog.json's `label`s).
    var catalog: Catalog = .farelegami

    /// The office app's language.
    static let italian = Texts(strings: Italian.strings)

    /// The string of `key`.
    subscript(_ key: String) -> String { strings[key] ?? key }

    /// The office's name in the header: "Ufficio di Crema", or "Sede centrale" at the central office.
    func officeName(_ site: String) -> String {
        site == "hq" ? self["ui_central_office"] : "\(self["ui_office"]) \(value("", "site_id", site))"
    }

    /// The string of `key` with its placeholders (`%d`, `%@`) filled by `values`, in order.
    func format(_ key: String, _ values: any CustomStringConvertible...) -> String {
        var text = self[key]
        for value in values {
            guard let range = text.range(of: "%d") ?? text.range(of: "%@") else { break }
            text.replaceSubrange(range, with: value.description)
        }
        return text
    }

    /// These texts with the names of `catalog` (a replica's, which a published version may extend).
    func naming(with catalog: Catalog) -> Texts {
        var texts = self
        texts.catalog = catalog
        return texts
    }

    /// A record kind's name, singular: the catalog's label (the table's name when it has none).
    func table(_ table: String) -> String { catalog.table(named: table)?.label?.it ?? strings["table_\(table)"] ?? table }

    /// A record kind's name, plural (the title of its list).
    func tables(_ table: String) -> String {
        catalog.table(named: table)?.pluralLabel?.it ?? strings["tables_\(table)"] ?? self.table(table)
    }

    /// A field's name: the catalog's label, else the page texts' (`col_site_id`), else the column's name.
    func column(_ table: String, _ column: String) -> String {
        catalog.table(named: table)?.column(named: column)?.label?.it ?? strings["col_\(table)_\(column)"]
            ?? strings["col_\(column)"] ?? column
    }

    /// An enumerated value as people say it ("inclusione sociale" for `inclusione`): the catalog's
    /// label of the value, else the page texts' (`val_site_id_crema`), else the value itself.
    func value(_ table: String, _ column: String, _ value: String) -> String {
        catalog.table(named: table)?.column(named: column)?.valueLabels[value]?.it ?? strings["val_\(table)_\(column)_\(value)"]
            ?? strings["val_\(column)_\(value)"] ?? value
    }
}
