import Foundation

/// The daemon's view of time, injected so that tests run schedules without sleeping.
public protocol DaemonClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Returns at `date` (at once if it has passed); throws `CancellationError` when cancelled.
    func sleep(until date: Date) async throws
}

/// The real clock.
public struct SystemDaemonClock: DaemonClock {
    /// The system clock.
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
    }
}
