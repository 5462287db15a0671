import OfficeWork
import Testing

@Suite struct FieldParsingTests {
    @Test(arguments: ["2026-03-15", "2028-02-29", "1999-12-31"])
    func realISODatesParse(_ text: String) {
        #expect(ISODate(text)?.description == text)
    }

    @Test(arguments: [
        "2026-02-29", "2026-13-01", "2026-04-31", "26-03-15", "2026/03/15", "2026-3-15", "", "15-03-2026",
    ])
    func malformedOrImpossibleDatesAreRefused(_ text: String) {
        #expect(ISODate(text) == nil)
    }

    @Test func dateArithmeticCountsDaysAcrossMonthsAndLeapYears() {
        let first = ISODate("2028-02-28")!
        #expect(first.adding(days: 1).description == "2028-02-29")
        #expect(first.adding(days: 2).description == "2028-03-01")
        #expect(ISODate("2026-01-20")!.days(since: ISODate("2026-01-10")!) == 10)
        #expect(ISODate("1970-01-01")!.daysSinceEpoch == 0)
        #expect(ISODate(daysSinceEpoch: 20_000).description == "2024-10-04")
    }

    @Test(
        arguments: [("12.50", 1250), ("12,50", 1250), ("12.5", 1250), ("1500", 150_000), (" 0.07 ", 7)]
            as [(String, Int64)])
    func euroAmountsBecomeCents(_ text: String, _ cents: Int64) {
        #expect(Euros.cents(from: text) == cents)
    }

    @Test(arguments: ["1.500,00", "12.345", "-5", "€5", "12.", ".50", "abc", "", "1e3", "123456789"])
    func ambiguousOrMalformedAmountsAreRefused(_ text: String) {
        #expect(Euros.cents(from: text) == nil)
    }

    @Test func amountsPrintInEuros() {
        #expect(Euros.plain(150_000_000) == "1500000.00")
        #expect(Euros.plain(7) == "0.07")
        #expect(Euros.formatted(330_000_000) == "EUR 3,300,000.00")
    }

    @Test func pseudonymsAreRandomSitePrefixedBase32() {
        var generator = SystemRandomNumberGenerator()
        let codes = (0..<200).map { _ in PseudonymCode.random(site: "crema", using: &generator) }
        #expect(codes.allSatisfy { $0.hasPrefix("CR-") && $0.count == 7 && PseudonymCode.isWellFormed($0) })
        #expect(Set(codes).count > 190)
        #expect(PseudonymCode.prefix(for: "cremona") == "CM")
        #expect(PseudonymCode.prefix(for: "casalmaggiore") == "CA")
    }

    @Test func uniquePseudonymsGrowLongerWhenTheShortOnesRunOut() {
        var generator = SystemRandomNumberGenerator()
        let code = PseudonymCode.unique(site: "crema", using: &generator) { $0.count < 8 }
        #expect(code.count == 8)
    }

    @Test func enumerationsComeFromTheCatalog() throws {
        #expect(try FieldRule.choice.value(of: "autonomia", table: "pact", column: "kind") == .text("autonomia"))
        let error = officeError { _ = try FieldRule.choice.value(of: "other", table: "pact", column: "kind") }
        #expect(error?.field == "kind")
        #expect(error?.description == "kind: 'other' is not one of inclusione, autonomia")
    }
}
