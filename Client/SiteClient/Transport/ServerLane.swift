import Dispatch
import Foundation

/// Talks to the server while the sync works on the replica: one request at a time, started by
/// `start` and collected by `Pending.wait()`, so the next pull page is on its way (and decoded) while
/// the current one is applied, and a push batch is read while the previous is sent.
///
/// Each request runs on a thread of its own, not on a dispatch queue: a request blocks on the network,
/// and libdispatch runs only about as many blocked work items as there are cores, so many sessions in
/// one process (the benchmark's 50 clients) would queue behind each other.
final class ServerLane {
    /// Runs `work` on a new thread. The caller must `wait()` for it before starting other work that
    /// uses the same objects (a `ServerAPI` is not safe to use from two threads at once).
    func start<Value>(_ work: @escaping () throws(SyncError) -> Value) -> Pending<Value> {
        let pending = Pending<Value>()
        let handoff = Handoff(work: work, pending: pending)
        let thread = Thread { handoff.pending.fulfil(Result { () throws(SyncError) in try handoff.work() }) }
        thread.name = "farelegami.sync.server"
        thread.start()
        return pending
    }
}

/// The outcome of work started on a `ServerLane`.
final class Pending<Value>: @unchecked Sendable {
    // @unchecked: `result` is written once by the lane before `done` is signalled and read by the
    // waiting thread only after `done.wait()` returns; the semaphore orders the two accesses.
    private var result: Result<Value, SyncError>?
    private let done = DispatchSemaphore(value: 0)
    /// Whether `wait()` returned once (only the waiting thread reads and writes it).
    private var collected = false

    fileprivate func fulfil(_ outcome: Result<Value, SyncError>) {
        result = outcome
        done.signal()
    }

    /// Blocks until the work finished; returns its value or throws its error (again, without
    /// blocking, when called again).
    func wait() throws(SyncError) -> Value {
        if !collected {
            done.wait()
            collected = true
        }
        return try result!.get()
    }
}

/// Carries work and the objects it uses to the lane's thread.
private struct Handoff<Value>: @unchecked Sendable {
    // @unchecked: the closure captures the non-Sendable `ServerAPI` and replica batch values. The
    // session starts one piece of work at a time and waits for it before touching those objects
    // again, so they are never used by two threads at once.
    let work: () throws(SyncError) -> Value
    let pending: Pending<Value>
}
