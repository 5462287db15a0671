/// The pushes of one server process, taken one at a time, in arrival order. Pushes are merged one
/// at a time across processes anyway (the database's push lock); without this, every push waiting
/// for that lock would hold a connection of the pool, and a few of them would leave none for pulls,
/// handshakes and token checks.
actor PushTurns {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Returns once every push that arrived before has called `finish()`.
    func begin() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn to the next push waiting, if any.
    func finish() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
