import OfficeWork
import Testing

/// One bad input to a record command and the field its error must name.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let field: String
    let write: @Sendable (Office) throws -> SavedRecord

    init(_ name: String, field: String, _ write: @escaping @Sendable (Office) throws -> SavedRecord) {
        self.name = name
        self.field = field
        self.write = write
    }

    var testDescription: String { name }
}

/// Every record command refuses bad input with an error naming the field, and writes nothing.
@Suite struct RecordValidationTests {
    static let badInputs: [BadInput] = [
        BadInput("household with adults in words", field: "adults") {
            try $0.addHousehold(HouseholdInput(municipality: "Crema", adults: "two"))
        },
        BadInput("household without municipality", field: "municipality") {
            try $0.addHousehold(HouseholdInput(municipality: nil, adults: "2"))
        },
        BadInput("household with nobody in it", field: "adults") {
            try $0.addHousehold(HouseholdInput(municipality: "Crema", adults: "0"))
        },
        BadInput("person of a missing household", field: "household") {
            try $0.addPerson(PersonInput(household: "CR-NONE"))
        },
        BadInput("person with an unknown sex", field: "sex") {
            try $0.addPerson(PersonInput(household: "h1", sex: "Q"))
        },
        BadInput("person born in 1850", field: "birth-year") {
            try $0.addPerson(PersonInput(household: "h1", birthYear: "1850"))
        },
        BadInput("identity without consent", field: "consent-on") {
            try $0.addPerson(PersonInput(household: "h1"), identity: IdentityInput(fullName: "Maria Rossi"))
        },
        BadInput("identity with a bad consent date", field: "consent-on") {
            try $0.addPerson(
                PersonInput(household: "h1"), identity: IdentityInput(fullName: "M", consentOn: "2026-02-30"))
        },
        BadInput("identity with a malformed tax code", field: "tax-code") {
            try $0.addPerson(
                PersonInput(household: "h1"), identity: IdentityInput(taxCode: "12345", consentOn: "2026-01-01"))
        },
        BadInput("pact of an unknown kind", field: "kind") {
            try $0.openPact(PactInput(household: "h1", kind: "other", partner: "p1", maker: "m1"))
        },
        BadInput("pact with a missing partner", field: "partner") {
            try $0.openPact(PactInput(household: "h1", kind: "autonomia", partner: "Comune di Milano", maker: "m1"))
        },
        BadInput("pact with a missing maker", field: "maker") {
            try $0.openPact(PactInput(household: "CR-TEST", kind: "autonomia", partner: "p1", maker: "nobody"))
        },
        BadInput("pact signed in month 13", field: "signed-on") {
            try $0.openPact(
                PactInput(household: "h1", kind: "autonomia", partner: "p1", maker: "m1", signedOn: "2026-13-01"))
        },
        BadInput("pact ending before it starts", field: "ends-on") {
            try $0.openPact(
                PactInput(
                    household: "h1", kind: "autonomia", partner: "p1", maker: "m1", signedOn: "2026-03-01",
                    endsOn: "2026-02-01"))
        },
        BadInput("active pact without a signing date", field: "signed-on") {
            try $0.openPact(PactInput(household: "h1", kind: "autonomia", partner: "p1", maker: "m1", status: "active"))
        },
        BadInput("pact with a commitment of an unknown party", field: "party") {
            try $0.openPact(
                PactInput(household: "h1", kind: "autonomia", partner: "p1", maker: "m1"),
                commitments: [CommitmentInput(pact: nil, party: "school", kind: "action", description: "x")])
        },
        BadInput("pact with a malformed commitment", field: "commitment") {
            try $0.openPact(
                PactInput(household: "h1", kind: "autonomia", partner: "p1", maker: "m1"),
                commitments: [try CommitmentInput(spec: "beneficiary only")])
        },
        BadInput("commitment to a missing pact", field: "pact") {
            try $0.addCommitment(CommitmentInput(pact: "k9", party: "partner", kind: "support", description: "x"))
        },
        BadInput("commitment of a negative quantity", field: "quantity") {
            try $0.addCommitment(
                CommitmentInput(pact: "k1", party: "partner", kind: "support", description: "x", quantity: "-2"))
        },
        BadInput("review with an unknown decision", field: "decision") {
            try $0.reviewPact(ReviewInput(pact: "k1", reviewedOn: "2026-04-01", decision: "stop"))
        },
        BadInput("review before the pact was signed", field: "on") {
            try $0.reviewPact(ReviewInput(pact: "k1", reviewedOn: "2026-01-01", decision: "continue"))
        },
        BadInput("review of a missing pact", field: "pact") {
            try $0.reviewPact(ReviewInput(pact: "k9", reviewedOn: "2026-04-01", decision: "continue"))
        },
        BadInput("lab on an unknown theme", field: "theme") {
            try $0.addLab(LabInput(theme: "sport", title: "Calcetto"))
        },
        BadInput("lab of a missing promoter", field: "promoter") {
            try $0.addLab(LabInput(theme: "housing", title: "Casa", promoter: "p9"))
        },
        BadInput("session of a missing lab", field: "lab") {
            try $0.logSession(SessionInput(lab: "l9", heldOn: "2026-03-01", participants: "10"))
        },
        BadInput("session on a bad date", field: "on") {
            try $0.logSession(SessionInput(lab: "l1", heldOn: "2026-03-32", participants: "10"))
        },
        BadInput("session with more minors than participants", field: "minors") {
            try $0.logSession(
                SessionInput(lab: "Abitare insieme", heldOn: "2026-03-01", participants: "10", minors: "11"))
        },
        BadInput("civic center opened on a bad date", field: "opened-on") {
            try $0.addCivicCenter(CivicCenterInput(name: "Centro", openedOn: "yesterday"))
        },
        BadInput("need of an unknown category", field: "category") {
            try $0.addNeed(NeedInput(center: "c1", reportedOn: "2026-03-01", category: "sport", urgency: "low"))
        },
        BadInput("need of an unknown urgency", field: "urgency") {
            try $0.addNeed(NeedInput(center: "c1", reportedOn: "2026-03-01", category: "work", urgency: "urgent"))
        },
        BadInput("need at a missing center", field: "center") {
            try $0.addNeed(
                NeedInput(center: "Centro Nuovo", reportedOn: "2026-03-01", category: "work", urgency: "low"))
        },
        BadInput("answer before the need was reported", field: "on") {
            try $0.answerNeed(AnswerInput(need: "n1", answeredOn: "2026-02-01", response: "orientamento"))
        },
        BadInput("answer with a status that is not an answer", field: "status") {
            try $0.answerNeed(AnswerInput(need: "n1", answeredOn: "2026-03-05", response: "x", status: "new"))
        },
        BadInput("answer to a missing need", field: "need") {
            try $0.answerNeed(AnswerInput(need: "n9", answeredOn: "2026-03-05", response: "x"))
        },
        BadInput("answer without a response", field: "response") {
            try $0.answerNeed(AnswerInput(need: "n1", answeredOn: "2026-03-05", response: nil))
        },
        BadInput("volunteer hours over a day", field: "hours") {
            try $0.logVolunteerHours(VolunteerHoursInput(volunteer: "V-1", doneOn: "2026-03-01", hours: "25"))
        },
        BadInput("volunteer hours for a missing partner", field: "partner") {
            try $0.logVolunteerHours(
                VolunteerHoursInput(volunteer: "V-1", partner: "p9", doneOn: "2026-03-01", hours: "2"))
        },
        BadInput("funding of a malformed amount", field: "amount") {
            try $0.addFunding(FundingInput(kind: "donation", amount: "12.5x", onDate: "2026-03-01"))
        },
        BadInput("funding with thousands separators", field: "amount") {
            try $0.addFunding(FundingInput(kind: "donation", amount: "1.500,00", onDate: "2026-03-01"))
        },
        BadInput("funding of a negative amount", field: "amount") {
            try $0.addFunding(FundingInput(kind: "donation", amount: "-5", onDate: "2026-03-01"))
        },
        BadInput("funding of an unknown kind", field: "kind") {
            try $0.addFunding(FundingInput(kind: "gift", amount: "5", onDate: "2026-03-01"))
        },
        BadInput("co-financing without a partner", field: "partner") {
            try $0.addFunding(FundingInput(kind: "cofinancing_actual", amount: "5", onDate: "2026-03-01"))
        },
        BadInput("funding on a bad date", field: "on") {
            try $0.addFunding(FundingInput(kind: "donation", amount: "5", onDate: "01/03/2026"))
        },
        BadInput("budget line of a malformed year", field: "year") {
            try $0.addBudgetLine(BudgetLineInput(action: "labs", year: "20x6", amount: "100"))
        },
        BadInput("budget line of an unknown action", field: "action") {
            try $0.addBudgetLine(BudgetLineInput(action: "travel", year: "2026", amount: "100"))
        },
        BadInput("expense of another action than its budget line", field: "action") {
            try $0.addExpense(ExpenseInput(action: "pacts", budgetLine: "b1", amount: "10", spentOn: "2026-03-01"))
        },
        BadInput("expense outside its budget line's year", field: "on") {
            try $0.addExpense(ExpenseInput(action: "labs", budgetLine: "b1", amount: "10", spentOn: "2025-12-31"))
        },
        BadInput("expense on a missing budget line", field: "budget-line") {
            try $0.addExpense(ExpenseInput(action: "labs", budgetLine: "b9", amount: "10", spentOn: "2026-03-01"))
        },
        BadInput("expense of zero euros", field: "amount") {
            try $0.addExpense(ExpenseInput(action: "labs", amount: "0", spentOn: "2026-03-01"))
        },
    ]

    @Test(arguments: badInputs)
    func badInputIsRefusedNamingTheFieldAndWritesNothing(_ input: BadInput) throws {
        try withOffice { office in
            try office.addFixture()
            let before = try office.snapshot()
            let error = officeError { _ = try input.write(office) }
            #expect(error?.field == input.field, "\(error.map(String.init(describing:)) ?? "no error")")
            #expect(error?.description.hasPrefix("\(input.field): ") == true)
            #expect(error?.description.contains("\n") == false)
            #expect(try office.snapshot() == before)
        }
    }
}
