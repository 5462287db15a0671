import OfficeWork
import Testing

/// Reading and writing CSV text, with no replica.
@Suite struct CSVDocumentTests {
    @Test func quotedFieldsHoldSeparatorsQuotesAndLineBreaks() throws {
        let text = "name,notes\r\n\"Rossi, Maria\",\"disse \"\"grazie\"\"\"\r\n\"a\nb\",c\n"
        let document = try CSVDocument(bytes: Array(text.utf8))
        #expect(document.separator == ",")
        #expect(document.header == ["name", "notes"])
        #expect(document.records.map(\.fields) == [["Rossi, Maria", "disse \"grazie\""], ["a\nb", "c"]])
        #expect(document.records.map(\.line) == [2, 3])
    }

    @Test func theSeparatorIsTheOneTheHeaderUsesMost() throws {
        #expect(try CSVDocument(bytes: Array("a;b;c\n1;2,5;3\n".utf8)).separator == ";")
        #expect(try CSVDocument(bytes: Array("a,b\n1;2,3\n".utf8)).separator == ",")
        #expect(try CSVDocument(bytes: Array("\"x;y\",b\n".utf8)).separator == ",")
    }

    @Test func aByteOrderMarkIsSkippedAndBlankLinesIgnored() throws {
        let document = try CSVDocument(bytes: [0xEF, 0xBB, 0xBF] + Array("città;età\r\n\r\nCantù;3\r\n".utf8))
        #expect(document.header == ["città", "età"])
        #expect(document.records == [CSVDocument.Record(line: 3, fields: ["Cantù", "3"])])
    }

    @Test func anUnclosedQuoteNamesTheLineItOpensOn() {
        let error = officeError { _ = try CSVDocument(bytes: Array("a,b\n1,2\n3,\"open\n4,5\n".utf8)) }
        #expect(error == .csvFormat(line: 3, detail: "a quoted field is never closed"))
    }

    @Test func textThatIsNotUTF8IsRefusedWithItsLine() {
        let latin1: [UInt8] = Array("a,b\n1,2\nCant".utf8) + [0xF9] + Array(",3\n".utf8)
        let error = officeError { _ = try CSVDocument(bytes: latin1) }
        #expect(error == .csvFormat(line: 3, detail: "not UTF-8 text (save the file as 'CSV UTF-8')"))
    }

    @Test func writingQuotesOnlyWhatMustBeQuoted() {
        #expect(
            CSVWriter.line(["a", "b;c", "d\"e", "f\ng", "h,i"], separator: ";")
                == "a;\"b;c\";\"d\"\"e\";\"f\ng\";h,i\r\n")
    }

    @Test func whatIsWrittenReadsBackTheSame() throws {
        let rows = [
            ["id", "text"], ["1", "Società \"Il Melograno\"; perché sì"], ["2", "riga\r\ndoppia, con virgola"],
            ["3", ""],
        ]
        for separator: Character in [",", ";"] {
            let text = rows.map { CSVWriter.line($0, separator: separator) }.joined()
            let document = try CSVDocument(bytes: Array(text.utf8))
            #expect([document.header] + document.records.map(\.fields) == rows)
        }
    }
}
