import Foundation
import Hummingbird
import SyncProtocol

/// The server's memory of failed authentications (in memory only: a restart forgets it): after
/// `maxFailures` failed tokens from one client address within `window` seconds, that address is answered
/// `429 too_many_requests` with `Retry-After` until the window has passed, whatever token it sends.
public actor AuthFailureLimiter {
    private var ledger: AuthFailureLedger
    private let now: @Sendable () -> Date

    /// A limiter of `maxFailures` per `window` seconds per address, reading time from `now`.
    public init(maxFailures: Int = 10, window: TimeInterval = 60, now: @escaping @Sendable () -> Date = Date.init) {
        self.ledger = AuthFailureLedger(maxFailures: maxFailures, window: window)
        self.now = now
    }

    /// Whole seconds `address` must wait, or nil when it may try.
    public func retryAfter(for address: String) -> Int? { ledger.retryAfter(for: address, at: now()) }

    /// Records a failed authentication from `address`.
    public func recordFailure(from address: String) { ledger.recordFailure(from: address, at: now()) }

    /// The `429` answer for an address that must wait `seconds`.
    static func refusal(retryAfter seconds: Int) -> Response {
        var response = ServerError.reply(
            status: .tooManyRequests, code: "too_many_requests",
            message: "too many failed authentications from this address: wait \(seconds) s, then retry with a valid token")
        response.headers[.retryAfter] = String(seconds)
        return response
    }
}
