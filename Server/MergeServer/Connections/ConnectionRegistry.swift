import NIOConcurrencyHelpers

/// The connections the server holds, in all and by client address: a connection beyond either
/// limit is not admitted (it is closed at once, so its socket is freed).
final class ConnectionRegistry: Sendable {
    private let limits: ConnectionLimits
    private let counts = NIOLockedValueBox((total: 0, byAddress: [String: Int]()))

    init(limits: ConnectionLimits) { self.limits = limits }

    /// Admits one more connection from `address`; false when a limit is reached (nothing counted).
    func admit(_ address: String) -> Bool {
        counts.withLockedValue { counts in
            let mine = counts.byAddress[address, default: 0]
            guard counts.total < limits.maxConnections, mine < limits.maxConnectionsPerAddress else { return false }
            counts.total += 1
            counts.byAddress[address] = mine + 1
            return true
        }
    }

    /// Forgets one admitted connection from `address`.
    func release(_ address: String) {
        counts.withLockedValue { counts in
            counts.total -= 1
            let mine = counts.byAddress[address, default: 1] - 1
            counts.byAddress[address] = mine > 0 ? mine : nil
        }
    }

    /// How many connections are held now.
    var total: Int { counts.withLockedValue { $0.total } }
}
