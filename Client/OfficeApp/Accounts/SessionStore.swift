import Foundation

/// A signed-in member of staff, with the token every form they post must carry.
struct StaffSession: Sendable {
    /// The account's name.
    let user: String
    /// What the account may do.
    let role: StaffRole
    /// The anti-forgery token of this session's forms.
    let csrf: String
    /// When the session was last used.
    var lastSeen: Date
}

/// The open sessions, by the random token of their cookie; held in memory only (a restart signs
/// everyone out). A session unused for `idleLimit` ends.
actor SessionStore {
    /// How long an unused session lasts.
    let idleLimit: TimeInterval
    private var sessions: [String: StaffSession] = [:]
    private var flashes: [String: Flash] = [:]

    init(idleLimit: TimeInterval = 8 * 3600) {
        self.idleLimit = idleLimit
    }

    /// Opens a session for `user` and returns its cookie token.
    func open(user: String, role: StaffRole) -> String {
        let token = Self.randomToken()
        sessions[token] = StaffSession(user: user, role: role, csrf: Self.randomToken(), lastSeen: Date())
        return token
    }

    /// The live session of `token`, touched; nil for an unknown or expired one.
    func session(for token: String) -> StaffSession? {
        guard var session = sessions[token] else { return nil }
        let now = Date()
        guard now.timeIntervalSince(session.lastSeen) < idleLimit else {
            sessions[token] = nil
            return nil
        }
        session.lastSeen = now
        sessions[token] = session
        return session
    }

    /// Ends the session of `token`.
    func close(_ token: String) {
        sessions[token] = nil
        flashes[token] = nil
    }

    /// Keeps `flash` for the next page the session of `token` opens.
    func setFlash(_ flash: Flash, for token: String) {
        flashes[token] = flash
    }

    /// The message kept for the session of `token`, once.
    func takeFlash(for token: String) -> Flash? {
        flashes.removeValue(forKey: token)
    }

    /// 32 random bytes as hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }
}
