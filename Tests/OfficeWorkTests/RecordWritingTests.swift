import Foundation
import OfficeWork
import Testing

/// Record commands write ordinary rows the sync captures.
@Suite struct RecordWritingTests {
    /// The central office adds people, a pact, its commitments and a review to an office's
    /// household: every row is that office's, so the sync takes it there.
    @Test func rowsTheCentralOfficeAddsToAnOfficesHouseholdBelongToThatOffice() throws {
        try withOffice(site: "hq") { office in
            try office.addFixture()
            try office.sql("UPDATE household SET site_id = 'crema' WHERE id = 'h1'")
            try office.sql("UPDATE pact SET site_id = 'crema' WHERE id = 'k1'")
            let person = try office.addPerson(PersonInput(household: "CR-TEST", relation: "figlio", birthYear: "2012"))
            let pact = try office.openPact(
                PactInput(household: "CR-TEST", kind: "autonomia", partner: "p1", maker: "m1", signedOn: "2026-02-01"),
                commitments: [try CommitmentInput(spec: "beneficiary:restitution:due ore in biblioteca")])
            let commitment = try office.addCommitment(
                CommitmentInput(pact: "k1", party: "partner", kind: "support", description: "tutoraggio"))
            let review = try office.reviewPact(ReviewInput(pact: "k1", reviewedOn: "2026-03-01", decision: "continue"))
            let household = try office.addHousehold(HouseholdInput(municipality: "Cremona", adults: "1"))
            #expect(person.text("site_id") == "crema")
            #expect(pact.text("site_id") == "crema")
            #expect(pact.related["pact_commitment"]?.map { $0.text("site_id") } == ["crema"])
            #expect(commitment.text("site_id") == "crema")
            #expect(review.text("site_id") == "crema")
            #expect(household.text("site_id") == "hq", "a new household is the writer's own")
        }
    }

    @Test func aHouseholdGetsARandomUniquePseudonymOfItsSite() throws {
        try withOffice { office in
            let first = try office.addHousehold(HouseholdInput(municipality: "Crema", adults: "2", minors: "1"))
            let second = try office.addHousehold(HouseholdInput(municipality: "Pandino", adults: "1"))
            let code = try #require(first.text("code"))
            #expect(code.hasPrefix("CR-") && PseudonymCode.isWellFormed(code))
            #expect(first.text("code") != second.text("code"))
            #expect(first["site_id"] == .text("crema"))
            #expect(first["minors"] == .integer(1) && second["minors"] == .integer(0))
            // The write is captured for sync like any application write.
            #expect(try office.replica.connection.query("SELECT count(DISTINCT rid) FROM _fl_log")[0][0] == .integer(2))
        }
    }

    @Test func identityFieldsStayInTheLocalTableAndShowJoinsThem() throws {
        try withOffice { office in
            let household = try office.addHousehold(HouseholdInput(municipality: "Crema", adults: "1"))
            let code = try #require(household.text("code"))
            let person = try office.addPerson(
                PersonInput(household: code, relation: "genitore", birthYear: "1985", sex: "f"),
                identity: IdentityInput(fullName: "Maria Rossi", taxCode: "rssmra85t50d142x", consentOn: "2026-01-15"))
            #expect(person["household_id"] == .text(household.id))
            #expect(person["sex"] == .text("F"))
            #expect(person.related["person_identity"]?.first?.text("tax_code") == "RSSMRA85T50D142X")
            // person_identity is not captured: only household and person are dirty.
            let dirty = try office.replica.connection.query("SELECT DISTINCT tbl FROM _fl_log ORDER BY tbl").compactMap {
                $0[0].text
            }
            #expect(dirty == ["household", "person"])

            let shown = try office.household(code)
            #expect(shown.id == household.id)
            let people = try #require(shown.related["person"])
            #expect(people.map(\.id) == [person.id])
            #expect(people[0].related["person_identity"]?.first?.text("full_name") == "Maria Rossi")
            #expect(
                officeError { _ = try office.household("CR-NONE") } == .notFound(table: "household", key: "CR-NONE"))
        }
    }

    @Test func aPactOpensWithCommitmentsOnBothSidesInOneTransaction() throws {
        try withOffice { office in
            try office.addFixture()
            let pact = try office.openPact(
                PactInput(
                    household: "CR-TEST", kind: "autonomia", partner: "Comune di Crema", maker: "Chiara Ferrari",
                    signedOn: "2026-02-01", endsOn: "2026-12-31"),
                commitments: [
                    try CommitmentInput(spec: "beneficiary:restitution:4 ore al mese in biblioteca"),
                    try CommitmentInput(spec: "partner:support:borsa lavoro"),
                ])
            #expect(pact["status"] == .text("active"))
            #expect(
                pact["household_id"] == .text("h1") && pact["partner_id"] == .text("p1")
                    && pact["maker_id"] == .text("m1"))
            let commitments = try #require(pact.related["pact_commitment"])
            #expect(commitments.map { $0.text("party") } == ["beneficiary", "partner"])
            #expect(commitments.allSatisfy { $0["pact_id"] == .text(pact.id) && $0["status"] == .text("open") })

            let draft = try office.openPact(PactInput(household: "h1", kind: "inclusione", partner: "p1", maker: "m1"))
            #expect(draft["status"] == .text("draft"))
        }
    }

    @Test func aClosingReviewClosesThePactAndRecordsItsOutcome() throws {
        try withOffice { office in
            try office.addFixture()
            let kept = try office.reviewPact(ReviewInput(pact: "k1", reviewedOn: "2026-04-10", decision: "continue"))
            #expect(kept.related["pact"] == nil)
            let review = try office.reviewPact(
                ReviewInput(
                    pact: "k1", reviewedOn: "2026-07-10", decision: "close", notes: "obiettivi raggiunti",
                    outcome: "inserimento lavorativo"))
            #expect(review["decision"] == .text("close"))
            let pact = try #require(review.related["pact"]?.first)
            #expect(pact["status"] == .text("closed") && pact.text("outcome") == "inserimento lavorativo")
            #expect(try office.count("pact_review") == 2)
        }
    }

    @Test func answeringANeedRecordsTheResponseAndItsDate() throws {
        try withOffice { office in
            try office.addFixture()
            let need = try office.answerNeed(
                AnswerInput(need: "n1", answeredOn: "2026-03-11", response: "attivato un volontario"))
            #expect(need["status"] == .text("answered") && need.text("answered_on") == "2026-03-11")
            #expect(need.text("response") == "attivato un volontario")
        }
    }

    @Test func amountsInEurosAreStoredAsCents() throws {
        try withOffice { office in
            try office.addFixture()
            let gift = try office.addFunding(FundingInput(kind: "donation", amount: "12,50", onDate: "2026-03-01"))
            #expect(gift["amount_cents"] == .integer(1250))
            let expense = try office.addExpense(
                ExpenseInput(action: "labs", budgetLine: "b1", amount: "99.9", spentOn: "2026-05-01"))
            #expect(expense["amount_cents"] == .integer(9990))
            let hours = try office.logVolunteerHours(
                VolunteerHoursInput(volunteer: "V-1", partner: "p1", doneOn: "2026-03-01", hours: "2,5"))
            #expect(hours["hours"] == .real(2.5))
        }
    }

    @Test func theJSONOfARecordIsTheRowWithItsRelatedRows() throws {
        try withOffice { office in
            try office.addFixture()
            let pact = try office.openPact(
                PactInput(household: "h1", kind: "inclusione", partner: "p1", maker: "m1", signedOn: "2026-02-01"),
                commitments: [try CommitmentInput(spec: "lab:action:partecipare al laboratorio")])
            let object = try #require(
                try JSONSerialization.jsonObject(with: JSONEncoder().encode(pact)) as? [String: Any])
            #expect(object["id"] as? String == pact.id)
            #expect(object["kind"] as? String == "inclusione")
            #expect(object["ends_on"] is NSNull)
            #expect((object["pact_commitment"] as? [[String: Any]])?.first?["party"] as? String == "lab")
        }
    }
}
