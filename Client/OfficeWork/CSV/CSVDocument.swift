/// A CSV file as read: the separator, the header and the records with the line each starts on.
///
/// Accepts UTF-8 with or without a byte-order mark, `;` or `,` separators (whichever the header
/// uses more, outside quotes), RFC 4180 quoting (a quoted field may hold separators, doubled quotes
/// and line breaks), and CRLF, LF or CR line ends. Blank lines are skipped, and so are lines whose
/// every field is blank (`;;;;`, as a spreadsheet saves an empty row): `blankLines` counts those.
public struct CSVDocument: Sendable, Equatable {
    /// One record and the line it starts on.
    public struct Record: Sendable, Equatable {
        /// The 1-based line the record starts on.
        public let line: Int
        /// The fields, unquoted.
        public let fields: [String]

        /// A record of `fields` starting on `line`.
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// The separator found in the header: `;` or `,`.
    public let separator: Character
    /// The header's column names (trimmed).
    public let header: [String]
    /// The records after the header (without the lines of blank fields only).
    public let records: [Record]
    /// The lines after the header whose every field was blank (`;;;;`), skipped.
    public let blankLines: Int

    /// Reads `bytes` as a CSV file.
    ///
    /// - Throws: `OfficeError.csvFormat` for a file that is not UTF-8, has no header or leaves a
    ///   quote open, naming the line.
    public init(bytes: [UInt8]) throws(OfficeError) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if String(validating: body, as: UTF8.self) == nil {
            throw .csvFormat(line: Self.firstInvalidLine(body), detail: "not UTF-8 text (save the file as 'CSV UTF-8')")
        }
        let separator = Self.detectSeparator(body)
        var all = try Self.records(body, separator: separator)
        guard !all.isEmpty else { throw .csvFormat(line: 1, detail: "the file is empty: a header row is needed") }
        let header = all.removeFirst()
        self.separator = Character(Unicode.Scalar(separator))
        self.header = header.fields.map(\.trimmingSpaces)
        let records = all.filter { !$0.fields.allSatisfy { $0.trimmingSpaces.isEmpty } }
        self.records = records
        self.blankLines = all.count - records.count
    }

    /// `;` when the first line holds more semicolons than commas outside quotes, else `,`.
    static func detectSeparator(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        var semicolons = 0
        var commas = 0
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
            if byte == UInt8(ascii: ",") { commas += 1 }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    private static func records(_ bytes: ArraySlice<UInt8>, separator: UInt8) throws(OfficeError) -> [Record] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1, quoteLine = 1
        var quoted = false, wasQuoted = false
        var index = bytes.startIndex
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() {
            endField()
            if fields.count > 1 || !fields[0].isEmpty { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == quote {
                    if index < bytes.endIndex, bytes[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    if byte == lf || (byte == cr && (index == bytes.endIndex || bytes[index] != lf)) { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case quote where field.isEmpty && !wasQuoted:
                quoted = true
                quoteLine = line
            case separator:
                endField()
            case cr, lf:
                if byte == cr, index < bytes.endIndex, bytes[index] == lf { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            default:
                if wasQuoted {
                    throw .csvFormat(
                        line: line, detail: "text after a closing quote (double a quote inside a quoted field)")
                }
                field.append(byte)
            }
        }
        if quoted { throw .csvFormat(line: quoteLine, detail: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }

    private static func firstInvalidLine(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        for chunk in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(validating: chunk, as: UTF8.self) == nil { return line }
            line += 1
        }
        return line
    }
}
