@testable import OfficeApp
import Testing

/// Dates, numbers and money the Italian way, both ways.
@Suite struct ItalianFormatTests {
    @Test(arguments: [
        ("15/03/2026", "2026-03-15"), ("5/3/2026", "2026-03-05"), ("15-03-2026", "2026-03-15"), ("2026-03-15", "2026-03-15"),
        ("29/02/2028", "2028-02-29"),
    ])
    func aTypedDateIsReadAsTheDayItNames(typed: String, iso: String) {
        #expect(ItalianFormat.parseDate(typed) == iso)
    }

    @Test(arguments: ["31/02/2026", "29/02/2027", "15/13/2026", "2026/03/15", "15/03/26", "ieri", ""])
    func aDateThatIsNoDayIsRefused(typed: String) {
        #expect(ItalianFormat.parseDate(typed) == nil)
    }

    @Test func datesShowAsDayMonthYear() {
        #expect(ItalianFormat.date("2026-03-05") == "05/03/2026")
    }

    @Test(arguments: [
        ("1.234,50", "1234.50"), ("1234,5", "1234.5"), ("12", "12"), ("€ 12,00", "12.00"), ("1.234", "1234"),
        ("1.234.567,89", "1234567.89"), ("12.50", "12.50"),
    ])
    func aTypedAmountIsReadInEuros(typed: String, amount: String) {
        #expect(ItalianFormat.parseEuros(typed) == amount)
    }

    @Test(arguments: ["12,3,4", "1,234.50", "12.34.5", "abc", "1.23,4", "", "0.500"])
    func anAmountThatIsNoAmountIsRefused(typed: String) {
        #expect(ItalianFormat.parseEuros(typed) == nil)
    }

    @Test func euroAmountsShowWithThousandsDotsAndADecimalComma() {
        #expect(ItalianFormat.euros(123_450) == "1.234,50 €")
        #expect(ItalianFormat.euros(5) == "0,05 €")
        #expect(ItalianFormat.euros(100_000_000) == "1.000.000,00 €")
        #expect(ItalianFormat.decimal(2.5) == "2,5")
        #expect(ItalianFormat.decimal(3) == "3")
    }

    @Test func serverTimesShowInItalianTimeWithOrWithoutFractionalSeconds() {
        #expect(ItalianFormat.time("2026-03-15T13:05:00Z") == "15/03/2026 14:05")
        #expect(ItalianFormat.time("2026-07-15T13:05:00.250Z") == "15/07/2026 15:05", "summer time")
        #expect(ItalianFormat.time("not a time") == "not a time")
    }
}
