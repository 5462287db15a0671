/// Writes CSV text: RFC 4180 quoting (fields holding the separator, a quote or a line break are
/// quoted, quotes doubled) and CRLF line ends.
public enum CSVWriter {
    /// One record, ending in CRLF.
    public static func line(_ fields: [String], separator: Character = ",") -> String {
        fields.map { quoted($0, separator: separator) }.joined(separator: String(separator)) + "\r\n"
    }

    /// `text` safe to open in a spreadsheet: text that a spreadsheet would run as a formula (it
    /// starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, which the
    /// spreadsheet shows as text. For files people open (lists, reports), not for the files the
    /// replica imports back as they are.
    public static func spreadsheetText(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }

    /// `text` as written by `spreadsheetText`, read back.
    public static func fromSpreadsheetText(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().first, "=+-@\t\r".contains(second) else { return text }
        return String(text.dropFirst())
    }

    /// `field`, quoted when it must be.
    public static func quoted(_ field: String, separator: Character) -> String {
        let needsQuotes = field.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
