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
