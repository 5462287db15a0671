import Foundation
import SiteClient
import Synchronization

/// A clock that jumps to whatever time the daemon sleeps until, recording each wake-up: schedules
/// run in microseconds with no real sleeping.
final class FakeClock: DaemonClock {
    private let state: Mutex<(now: Date, wakeUps: [Date])>

    init(start: Date) { state = Mutex((start, [])) }

    func now() -> Date { state.withLock { $0.now } }

    var wakeUps: [Date] { state.withLock { $0.wakeUps } }

    func sleep(until date: Date) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.now = max(state.now, date)
            state.wakeUps.append(state.now)
        }
    }

    func advance(by seconds: TimeInterval) {
        state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
    }
}
