import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A flag raised by SIGTERM or SIGINT: long work checks it between transactions and stops cleanly,
/// so nothing is half-applied.
public final class StopSignal: Sendable {
    private let raised = Atomic<Bool>(false)
    /// The installed signal sources, kept alive for the process's lifetime (a dropped source stops
    /// delivering). Written once, before any signal can arrive.
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal] = []

    /// A flag nobody has raised yet.
    public init() {}

    /// Whether a stop was asked for.
    public var isRaised: Bool { raised.load(ordering: .acquiring) }

    /// Asks long work to stop at its next safe point.
    public func raise() { raised.store(true, ordering: .releasing) }

    /// Raises the flag on SIGTERM and SIGINT (instead of dying mid-step), then calls `onStop`.
    /// Call once, from the main thread, before starting the work.
    public func installHandlers(onStop: @escaping @Sendable () -> Void = {}) {
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in
                raise()
                onStop()
            }
            source.resume()
            sources.append(source)
        }
    }
}
