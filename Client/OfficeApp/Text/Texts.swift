import OfficeWork
import SyncCore

/// The words of one language (`Italian.strings` by default), looked up by key; a missing key shows
/// itself, so a gap in a translation is visible rather than blank.
struct Texts: Sendable {
    /// Every string by key.
    let strings: [String: String]

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

    /// A record kind's name, singular.
    func table(_ table: String) -> String { self["table_\(table)"] }

    /// A record kind's name, plural (the title of its list).
    func tables(_ table: String) -> String { self["tables_\(table)"] }

    /// A field's name.
    func column(_ table: String, _ column: String) -> String {
        strings["col_\(table)_\(column)"] ?? strings["col_\(column)"] ?? column
    }

    /// An enumerated value as people say it ("inclusione sociale" for `inclusione`).
    func value(_ table: String, _ column: String, _ value: String) -> String {
        strings["val_\(table)_\(column)_\(value)"] ?? strings["val_\(column)_\(value)"] ?? value
    }
}
