import Foundation
import OfficeWork
import SyncCore
import Testing

/// A CSV import checks each row exactly as the record command that adds such a row checks its
/// input (the same code), and skips the blank lines a spreadsheet saves.
struct CSVRecordRulesTests {
    @Test func linesOfBlankFieldsAreSkippedAndCounted() throws {
        try withOffice { office in
            let csv = "municipality;adults\r\nCrema;2\r\n;\r\n  ;\r\nLodi;1\r\n"
            let dryRun = try office.importCSV(table: "household", bytes: Array(csv.utf8), dryRun: true)
            #expect(dryRun.problems.isEmpty && dryRun.rows == 2 && dryRun.blankLines == 2)
            let result = try office.importCSV(table: "household", bytes: Array(csv.utf8))
            #expect(result.summary == "imported 2 rows into household (2 blank lines skipped)")
            #expect(try office.count("household") == 2)
        }
    }

    @Test func anEmptyValueForAFieldTheCommandRequiresIsRefused() throws {
        try withOffice { office in
            let csv = "municipality;adults;minors\r\n;2;0\r\nCrema;;1\r\n"
            let result = try office.importCSV(table: "household", bytes: Array(csv.utf8), dryRun: true)
            #expect(result.problems.map(\.description) == [
                "line 2, municipality: is empty", "line 3, adults: is empty",
            ])
        }
    }

    /// Each case is refused by the record command and by the CSV import with the same reason.
    @Test(arguments: [
        ("household", "municipality;adults", "Crema;31", HouseholdInput(municipality: "Crema", adults: "31") as any RecordInput),
        ("household", "municipality;adults;minors;over65", "Crema;0;0;0",
         HouseholdInput(municipality: "Crema", adults: "0", minors: "0", over65: "0")),
        ("person", "household_id;sex", "h1;Q", PersonInput(household: "h1", sex: "Q")),
        ("pact", "household_id;kind;partner_id;maker_id;status", "h1;inclusione;p1;m1;active",
         PactInput(household: "h1", kind: "inclusione", partner: "p1", maker: "m1", status: "active")),
        ("pact", "household_id;kind;partner_id;maker_id;signed_on;ends_on", "h1;autonomia;p1;m1;2026-03-01;2026-02-01",
         PactInput(household: "h1", kind: "autonomia", partner: "p1", maker: "m1", signedOn: "2026-03-01", endsOn: "2026-02-01")),
        ("lab_session", "lab_id;held_on;participants;minors", "l1;2026-03-02;3;4",
         SessionInput(lab: "l1", heldOn: "2026-03-02", participants: "3", minors: "4")),
        ("funding", "kind;amount_cents;on_date", "cofinancing_pledge;1000;2026-01-01",
         FundingInput(kind: "cofinancing_pledge", amount: "10", onDate: "2026-01-01")),
    ])
    func aRowTheRecordCommandRefusesIsRefusedForTheSameReason(
        table: String, header: String, line: String, input: any RecordInput
    ) throws {
        try withOffice { office in
            try office.addFixture()
            let commandError = officeError { _ = try input.validated() }
            let csv = header + "\r\n" + line + "\r\n"
            let result = try office.importCSV(table: table, bytes: Array(csv.utf8), dryRun: true)
            let refusal = try #require(commandError, "the command accepts \(line)")
            #expect(result.problems.count == 1, "\(result.problems)")
            #expect(result.problems.first.map { $0.description.hasSuffix(Self.reason(refusal)) } == true,
                    "command: \(refusal); csv: \(result.problems)")
        }
    }

    /// The command's checks against the rows a row refers to apply too: a review before its pact was
    /// signed, an expense for another action than its budget line's.
    @Test func checksAgainstTheRowsReferredToAreTheCommandsToo() throws {
        try withOffice { office in
            try office.addFixture()
            let review = officeError {
                _ = try office.reviewPact(ReviewInput(pact: "k1", reviewedOn: "2026-01-09", decision: "continue"))
            }
            let expense = officeError {
                _ = try office.addExpense(
                    ExpenseInput(action: "pacts", budgetLine: "b1", amount: "10", spentOn: "2026-02-01"))
            }
            let reviews = "pact_id;reviewed_on;decision\r\nk1;2026-01-09;continue\r\nk1;2026-01-10;continue\r\n"
            let expenses = "action;budget_line_id;amount_cents;spent_on\r\npacts;b1;1000;2026-02-01\r\n"
            let reviewProblems = try office.importCSV(table: "pact_review", bytes: Array(reviews.utf8), dryRun: true).problems
            let expenseProblems = try office.importCSV(table: "expense", bytes: Array(expenses.utf8), dryRun: true).problems
            #expect(reviewProblems.map(\.line) == [2] && expenseProblems.map(\.line) == [2])
            #expect(reviewProblems.first?.detail == review.map(Self.reason))
            #expect(expenseProblems.first?.detail == expense.map(Self.reason))
        }
    }

    @Test func amountsAreReadAsStoredCentsAndMustBeMoreThanZeroAsInTheCommand() throws {
        try withOffice { office in
            let csv = "kind;amount_cents;on_date\r\ndonation;1250;2026-01-02\r\ndonation;0;2026-01-03\r\n"
            let result = try office.importCSV(table: "funding", bytes: Array(csv.utf8), dryRun: true)
            #expect(result.problems.map(\.description) == [
                "line 3, amount_cents: '0' is not a whole number of cents, more than zero",
            ])
        }
    }

    @Test func columnsTheFileLacksTakeTheCommandsDefaults() throws {
        try withOffice { office in
            try office.addFixture()
            let csv = "id;household_id;kind;partner_id;maker_id;signed_on\r\nk9;h1;inclusione;p1;m1;2026-02-01\r\n"
            _ = try office.importCSV(table: "pact", bytes: Array(csv.utf8))
            let households = "id;municipality;adults\r\nh9;Crema;2\r\n"
            _ = try office.importCSV(table: "household", bytes: Array(households.utf8))
            let pact = try office.replica.connection.query("SELECT status FROM pact WHERE id = 'k9'")
            #expect(pact == [[.text("active")]])
            let household = try office.replica.connection.query("SELECT minors, over65 FROM household WHERE id = 'h9'")
            #expect(household == [[.integer(0), .integer(0)]])
        }
    }

    private static func reason(_ error: OfficeError) -> String {
        switch error {
        case .invalidField(_, let value, let reason): "'\(value)' \(reason)"
        case .missingField: "is empty"
        default: error.description
        }
    }
}
