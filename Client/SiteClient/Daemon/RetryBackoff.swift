import Foundation

/// How long the daemon waits before retrying a failed sync: exponential, capped, with jitter so
/// that offices that failed together do not retry together.
public struct RetryBackoff: Sendable, Equatable {
    /// The wait after the first failure.
    public var initial: TimeInterval = 30
    /// The longest wait.
    public var maximum: TimeInterval = 30 * 60
    /// The fraction of the wait that is random (0.2: the wait is 80 to 100% of the nominal one).
    public var jitter: Double = 0.2

    /// The default policy: 30 s, doubling, capped at 30 min, 20% jitter.
    public init() {}

    /// The wait after `failures` consecutive failures (1 or more), with `random` in 0..<1.
    public func delay(afterFailures failures: Int, random: Double) -> TimeInterval {
        let exponent = Double(min(max(failures - 1, 0), 30))
        let nominal = min(maximum, initial * pow(2, exponent))
        return nominal * (1 - jitter * random)
    }
}
