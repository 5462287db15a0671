import Foundation
import Testing
@testable import MergeServer

/// The failed-authentication limit as a pure rule, with the time given by the test.
@Suite struct AuthFailureLedgerTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func tenFailuresInAMinuteBlockTheAddressUntilTheOldestLeavesTheWindow() {
        var ledger = AuthFailureLedger(maxFailures: 10, window: 60)
        for second in 0..<10 {
            #expect(ledger.retryAfter(for: "10.0.0.1", at: start.addingTimeInterval(Double(second))) == nil)
            ledger.recordFailure(from: "10.0.0.1", at: start.addingTimeInterval(Double(second)))
        }
        #expect(ledger.retryAfter(for: "10.0.0.1", at: start.addingTimeInterval(10)) == 50)
        #expect(ledger.retryAfter(for: "10.0.0.2", at: start.addingTimeInterval(10)) == nil, "another address is not blocked")
        #expect(ledger.retryAfter(for: "10.0.0.1", at: start.addingTimeInterval(59.5)) == 1)
        #expect(ledger.retryAfter(for: "10.0.0.1", at: start.addingTimeInterval(60)) == nil, "the oldest failure left the window")
    }

    @Test func failuresSpreadOverMoreThanTheWindowNeverBlock() {
        var ledger = AuthFailureLedger(maxFailures: 10, window: 60)
        for minute in 0..<30 {
            let now = start.addingTimeInterval(Double(minute) * 7)
            #expect(ledger.retryAfter(for: "a", at: now) == nil, "blocked after \(minute) slow failures")
            ledger.recordFailure(from: "a", at: now)
        }
    }

    @Test func memoryStaysBoundedUnderManyAddresses() {
        var ledger = AuthFailureLedger(maxFailures: 10, window: 60, maxAddresses: 100)
        for index in 0..<1_000 { ledger.recordFailure(from: "addr\(index)", at: start.addingTimeInterval(Double(index) / 100)) }
        #expect(ledger.trackedAddresses <= 100)
    }

    @Test func theLimiterReadsTheInjectedClock() async {
        let clock = ManualClock(start)
        let limiter = AuthFailureLimiter(maxFailures: 2, window: 30, now: { clock.now })
        await limiter.recordFailure(from: "x")
        await limiter.recordFailure(from: "x")
        #expect(await limiter.retryAfter(for: "x") == 30)
        clock.advance(by: 31)
        #expect(await limiter.retryAfter(for: "x") == nil)
    }
}

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func advance(by seconds: TimeInterval) {
        lock.lock()
        current.addTimeInterval(seconds)
        lock.unlock()
    }
}
