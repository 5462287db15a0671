import Foundation

/// Failed authentications per client address in a sliding window: the rule behind the 429 answer,
/// with no I/O and no clock of its own (every call says what time it is), so it is tested directly.
///
/// An address with `maxFailures` failures in the last `window` seconds is blocked until the oldest of
/// them leaves the window. Guessing spread over many addresses is slowed by a global rule: while the
/// server has seen `maxGlobalFailures` failures in the window from all addresses together, an address
/// with any failure of its own in the window waits too, so each address gets one guess per window;
/// an address with no failure (an office syncing as usual) is never held back. Memory is bounded: at
/// most `maxAddresses` addresses are remembered (the longest-quiet ones are dropped first).
struct AuthFailureLedger: Sendable {
    let maxFailures: Int
    let window: TimeInterval
    let maxAddresses: Int
    let maxGlobalFailures: Int
    private var failures: [String: [Date]] = [:]
    /// The times of the last `maxGlobalFailures` failures from any address, oldest first.
    private var globalFailures: [Date] = []

    init(maxFailures: Int = 10, window: TimeInterval = 60, maxAddresses: Int = 10_000, maxGlobalFailures: Int = 100) {
        self.maxFailures = maxFailures
        self.window = window
        self.maxAddresses = maxAddresses
        self.maxGlobalFailures = maxGlobalFailures
    }

    /// Whole seconds `address` must wait before it may try again, or nil when it is not blocked.
    mutating func retryAfter(for address: String, at now: Date) -> Int? {
        let recent = prune(address, at: now)
        if recent.count >= maxFailures, let oldest = recent.first { return seconds(untilLeaving: oldest, at: now) }
        globalFailures.removeAll { now.timeIntervalSince($0) >= window }
        if !recent.isEmpty, globalFailures.count >= maxGlobalFailures, let oldest = globalFailures.first {
            return seconds(untilLeaving: oldest, at: now)
        }
        return nil
    }

    /// Records one failed authentication of `address` at `now`.
    mutating func recordFailure(from address: String, at now: Date) {
        var recent = prune(address, at: now)
        recent.append(now)
        if recent.count > maxFailures { recent.removeFirst(recent.count - maxFailures) }
        failures[address] = recent
        globalFailures.append(now)
        if globalFailures.count > maxGlobalFailures { globalFailures.removeFirst(globalFailures.count - maxGlobalFailures) }
        if failures.count > maxAddresses { forgetQuietest(at: now) }
    }

    /// Whole seconds (at least 1) until a failure made at `time` leaves the window.
    private func seconds(untilLeaving time: Date, at now: Date) -> Int {
        max(1, Int((time.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
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
