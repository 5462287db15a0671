import Foundation
import Testing
@testable import MergeServer

/// Guessing tokens from many addresses at once is slowed by the global rule, with the time given by
/// the test; an office that has not failed is never held back.
@Suite struct GlobalAuthLimitTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func guessesSpreadOverManyAddressesAreSlowedToOnePerAddressOnceTheGlobalLimitIsReached() {
        var ledger = AuthFailureLedger(maxFailures: 10, window: 60, maxGlobalFailures: 100)
        var checked = 0
        // 200 loopback addresses × 9 guesses within 3 s: each stays under the per-address limit.
        for guess in 0..<9 {
            for address in 0..<200 {
                let now = start.addingTimeInterval(Double(guess * 200 + address) / 600)
                guard ledger.retryAfter(for: "127.0.\(address / 250).\(address % 250)", at: now) == nil else { continue }
                ledger.recordFailure(from: "127.0.\(address / 250).\(address % 250)", at: now)
                checked += 1
            }
        }
        #expect(checked <= 200, "\(checked) of 1,800 guesses were checked")
        #expect(checked >= 100)
        let later = start.addingTimeInterval(4)
        #expect(ledger.retryAfter(for: "127.0.0.7", at: later) != nil, "an address that guessed waits")
        #expect(ledger.retryAfter(for: "10.1.2.3", at: later) == nil, "an office that has not failed is never held back")
        #expect(ledger.retryAfter(for: "127.0.0.7", at: start.addingTimeInterval(61)) == nil, "free again after the window")
    }

    @Test func fewFailuresFromManyAddressesNeverTriggerTheGlobalRule() {
        var ledger = AuthFailureLedger(maxFailures: 10, window: 60, maxGlobalFailures: 100)
        for address in 0..<99 { ledger.recordFailure(from: "a\(address)", at: start) }
        #expect(ledger.retryAfter(for: "a5", at: start.addingTimeInterval(1)) == nil)
    }
}
