import Foundation

/// Failed authentications per client address in a sliding window: the rule behind the 429 answer,
/// with no I/O and no clock of its own (every call says what time it is), so it is tested directly.
///
/// An address with `maxFailures` failures in the last `window` seconds is blocked until the oldest of
/// them leaves the window. Memory is bounded: at most `maxAddresses` addresses are remembered (the
/// longest-quiet ones are dropped first).
struct AuthFailureLedger: Sendable {
    let maxFailures: Int
    let window: TimeInterval
    let maxAddresses: Int
    private var failures: [String: [Date]] = [:]

    init(maxFailures: Int = 10, window: TimeInterval = 60, maxAddresses: Int = 10_000) {
        self.maxFailures = maxFailures
        self.window = window
        self.maxAddresses = maxAddresses
    }

    /// Whole seconds `address` must wait before it may try again, or nil when it is not blocked.
    mutating func retryAfter(for address: String, at now: Date) -> Int? {
        let recent = prune(address, at: now)
        guard recent.count >= maxFailures, let oldest = recent.first else { return nil }
        return max(1, Int((oldest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
    }

    /// Records one failed authentication of `address` at `now`.
    mutating func recordFailure(from address: String, at now: Date) {
        var recent = prune(address, at: now)
        recent.append(now)
        if recent.count > maxFailures { recent.removeFirst(recent.count - maxFailures) }
        failures[address] = recent
        if failures.count > maxAddresses { forgetQuietest(at: now) }
    }

    /// How many addresses are remembered.
    var trackedAddresses: Int { failures.count }

    private mutating func prune(_ address: String, at now: Date) -> [Date] {
        guard let times = failures[address] else { return [] }
        let recent = times.filter { now.timeIntervalSince($0) < window }
        failures[address] = recent.isEmpty ? nil : recent
        return recent
    }

    private mutating func forgetQuietest(at now: Date) {
        failures = failures.filter { now.timeIntervalSince($0.value.last ?? .distantPast) < window }
        while failures.count > maxAddresses,
            let quietest = failures.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) })
        {
            failures[quietest.key] = nil
        }
    }
}
