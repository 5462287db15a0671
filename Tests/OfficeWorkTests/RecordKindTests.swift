import OfficeWork
import SQLiteDatabase
import SyncCore
import Testing

/// The generic record operations the office app and the CLI's list/show/edit/delete share.
@Suite struct RecordKindTests {
    static let household = RecordKind.named("household")!
    static let person = RecordKind.named("person")!
    static let identity = RecordKind.named("person_identity")!
    static let pact = RecordKind.named("pact")!

    @Test func everyKindIsADomainTableWhoseFormFieldsAreItsColumns() {
        for kind in RecordKind.all {
            let columns = Set(kind.spec.columnNames)
            #expect(kind.formColumns.allSatisfy(columns.contains), "\(kind.table): \(kind.formColumns)")
            if let parent = kind.parent { #expect(kind.formColumns.contains(parent.column), "\(kind.table) names its parent") }
        }
        #expect(Set(RecordKind.all.map(\.table)) == Set(Catalog.farelegami.tables.map(\.name)).subtracting(["site"]))
    }

    @Test func aHouseholdIsFoundByTheRealNameOfOneOfItsPeopleAndNoOtherIs() throws {
        try withOffice { office in
            try office.addFixture()
            try office.sql("INSERT INTO household (id, code, municipality, adults) VALUES ('h2', 'CR-OTHR', 'Crema', 1)")
            let person = try office.add(Self.person, texts: ["household_id": "h1", "relation": "madre"])
            _ = try office.add(
                Self.identity, texts: ["person_id": person.id, "full_name": "Maria Bianchi", "consent_on": "2026-03-01"])
            let found = try office.records(Self.household, matching: RecordQuery(search: "bianchi"))
            #expect(found.map(\.id) == ["h1"])
            #expect(try office.records(Self.household, matching: RecordQuery(search: "Rossi")).isEmpty)
            #expect(try office.records(Self.person, matching: RecordQuery(search: "Maria")).map(\.id) == [person.id])
            #expect(try office.records(Self.household, matching: RecordQuery(search: "50%")).isEmpty, "LIKE wildcards are literal")
        }
    }

    @Test func listsFilterByValueAndDateRange() throws {
        try withOffice { office in
            try office.addFixture()
            try office.sql(
                """
                INSERT INTO pact (id, household_id, kind, partner_id, maker_id, status, signed_on)
                VALUES ('k2', 'h1', 'autonomia', 'p1', 'm1', 'draft', '2026-05-02')
                """)
            let kind = Self.pact
            #expect(try office.records(kind, matching: RecordQuery(equals: ["kind": "autonomia"])).map(\.id) == ["k2"])
            let spring = RecordQuery(from: ISODate("2026-04-01"), to: ISODate("2026-06-30"))
            #expect(try office.records(kind, matching: spring).map(\.id) == ["k2"])
            #expect(try office.records(kind).map(\.id) == ["k2", "k1"], "newest first")
            #expect(officeError { _ = try office.records(kind, matching: RecordQuery(equals: ["nope": "1"])) } != nil)
        }
    }

    @Test func aCorrectionIsCheckedLikeANewRecordAndABadOneWritesNothing() throws {
        try withOffice { office in
            try office.addFixture()
            let household = try office.find(Self.household, "cr-test")
            var texts = Self.household.texts(of: household)
            texts["adults"] = "two"
            let before = try office.snapshot()
            #expect(officeError { _ = try office.update(Self.household, id: household.id, texts: texts) }?.field == "adults")
            #expect(try office.snapshot() == before)
            texts["adults"] = "3"
            texts["vulnerability"] = .some(nil)
            let corrected = try office.update(Self.household, id: household.id, texts: texts)
            #expect(corrected["adults"] == .integer(3))
            #expect(corrected["code"] == .text("CR-TEST"), "the pseudonym stays")
        }
    }

    @Test func aRecordOthersReferToIsNotDeletedAndAPersonTakesTheirIdentityAlong() throws {
        try withOffice { office in
            try office.addFixture()
            let error = officeError { try office.delete(Self.household, id: "h1") }
            #expect(error == .stillReferenced(table: "household", by: "pact", count: 1))
            let person = try office.add(Self.person, texts: ["household_id": "CR-TEST", "relation": "figlio"])
            _ = try office.add(Self.identity, texts: ["person_id": person.id, "full_name": "Luca Bianchi", "consent_on": "2026-03-01"])
            try office.delete(Self.person, id: person.id)
            #expect(try office.count("person") == 0)
            #expect(try office.count("person_identity") == 0)
        }
    }

    @Test func anIdentityNeedsThePersonItBelongsTo() throws {
        try withOffice { office in
            try office.addFixture()
            let missing = officeError { _ = try office.add(Self.identity, texts: ["full_name": "X", "consent_on": "2026-03-01"]) }
            #expect(missing == .missingField("person"))
            let unknown = officeError {
                _ = try office.add(Self.identity, texts: ["person_id": "nobody", "full_name": "X", "consent_on": "2026-03-01"])
            }
            #expect(unknown?.field == "person")
            #expect(try office.count("person_identity") == 0)
        }
    }

    @Test func aNewHouseholdGetsAPseudonymCodeFoundWithoutRegardToCase() throws {
        try withOffice { office in
            let household = try office.add(Self.household, texts: ["municipality": "Crema", "adults": "1"])
            let code = try #require(household.text("code"))
            #expect(code.hasPrefix("CR-"))
            #expect(try office.find(Self.household, code.lowercased()).id == household.id)
            #expect(officeError { _ = try office.find(Self.household, "CR-NONE") } == .notFound(table: "household", key: "CR-NONE"))
        }
    }
}

/// A pact is found by its short number within the office.
@Suite struct PactNumberTests {
    @Test func aPactIsFoundByItsNumberInTheOfficeAndNoOtherNumberFindsIt() throws {
        try withOffice { office in
            try office.addFixture()
            let pact = RecordKind.named("pact")!
            let second = try office.add(pact, texts: [
                "household_id": "CR-TEST", "kind": "autonomia", "partner_id": "p1", "maker_id": "m1", "status": "draft",
            ])
            #expect(try office.pactNumber(of: "k1") == 1)
            #expect(try office.pactNumber(of: second.id) == 2)
            #expect(try office.find(pact, "2").id == second.id)
            #expect(try office.find(pact, "crema/1").id == "k1")
            #expect(officeError { _ = try office.find(pact, "3") } == .notFound(table: "pact", key: "3"))
        }
    }
}
