import ArgumentParser
import Foundation
import OfficeWork

struct CSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv", abstract: "Export and import domain tables as CSV (spreadsheets).",
        discussion: """
            Tables: site, partner, staff, household, person, pact, pact_commitment, pact_review, lab,
            lab_session, civic_center, need_report, volunteer_hours, funding, budget_line, expense.
            person_identity (names, tax codes, contacts) is local: it is never exported; it can be imported.
            """,
        subcommands: [Export.self, Import.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a table as CSV: a header of column names, amounts in cents, NULL as empty.",
            discussion: "person_identity is refused: names and tax codes never leave the replica.")

        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The table.") var table: String
        @Option(help: ArgumentHelp("The file to write (default: standard output).", valueName: "file")) var out: String?
        @Option(help: "The separator: ',' (default) or ';' (Italian spreadsheets).") var separator: String = ","
        @Flag(help: "Start with a UTF-8 byte-order mark, so spreadsheets read the accents right.") var bom = false

        func validate() throws {
            guard separator == "," || separator == ";" else { throw ValidationError("--separator must be ',' or ';'") }
        }

        func run() throws {
            let text = try replica.office().exportCSV(table: table, separator: Character(separator), byteOrderMark: bom)
            guard let out else { return print(text, terminator: "") }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw ValidationError("cannot write \(out): \(error.localizedDescription)")
            }
            print("exported \(table) to \(out)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV file into a table: every row or none, in one transaction.",
            discussion: """
                The header names the columns (any order, any subset; 'id' optional). UTF-8 with or without
                a byte-order mark; ';' or ',' (found from the header); RFC 4180 quotes. Amounts in cents,
                dates YYYY-MM-DD, references by id. Every bad value is reported with its line and column,
                and then nothing is imported. --dry-run only checks.
                """)

        @OptionGroup var replica: ReplicaOptions
        @Argument(help: "The table.") var table: String
        @Argument(help: ArgumentHelp("The CSV file.", valueName: "file")) var file: String
        @Flag(help: "Check every row and report problems; write nothing.") var dryRun = false
        @Flag(help: "Print the result as JSON, for scripts.") var json = false

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file): no such file or not readable")
            }
            let office = try replica.office()
            let result: CSVImportResult
            do {
                result = try office.importCSV(table: table, bytes: Array(data), dryRun: dryRun)
            } catch .csvRejected(let table, let problems) {
                for problem in problems { printError("\(file): \(problem)") }
                throw OfficeError.csvRejected(table: table, problems: problems)
            }
            report(result)
            if !result.problems.isEmpty { throw ExitCode.failure }
        }

        private func report(_ result: CSVImportResult) {
            if json, let text = try? RecordOutput.json(result) { return print(text) }
            for problem in result.problems { printError("\(file): \(problem)") }
            if result.problems.isEmpty || dryRun { print(result.summary) }
        }
    }
}

/// Writes `line` to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
