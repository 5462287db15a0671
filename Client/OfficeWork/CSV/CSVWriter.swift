/// Writes CSV text: RFC 4180 quoting (fields holding the separator, a quote or a line break are
/// quoted, quotes doubled) and CRLF line ends.
public enum CSVWriter {
    /// One record, ending in CRLF.
    public static func line(_ fields: [String], separator: Character = ",") -> String {
        fields.map { quoted($0, separator: separator) }.joined(separator: String(separator)) + "\r\n"
    }

    /// `field`, quoted when it must be.
    public static func quoted(_ field: String, separator: Character) -> String {
        let needsQuotes = field.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
