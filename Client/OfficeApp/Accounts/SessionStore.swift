import Foundation

/// A signed-in member of staff, with the token every form they post must carry.
struct StaffSession: Sendable {
    /// The account's name.
    let user: String
    /// What the account may do.
    let role: StaffRole
    /// The anti-forgery token of this session's forms.
    let csrf: String
    /// When the session opened.
    let opened: Date
    /// When the session was last used.
    var lastSeen: Date
}

/// The open sessions, by the random token of their cookie; held in memory only (a restart signs
/// everyone out). A session unused for `idleLimit` ends.
actor SessionStore {
    /// How long an unused session lasts.
    let idleLimit: TimeInterval
    /// How long any session lasts (a working day).
    let maximumAge: TimeInterval = 12 * 3600
    private var sessions: [String: StaffSession] = [:]
    private var flashes: [String: Flash] = [:]

    init(idleLimit: TimeInterval = 8 * 3600) {
        self.idleLimit = idleLimit
    }

    /// Opens a session for `user` and returns its cookie token.
    func open(user: String, role: StaffRole) -> String {
        let now = Date()
        sessions = sessions.filter { isLive($0.value, at: now) }
        let token = Self.randomToken()
        sessions[token] = StaffSession(user: user, role: role, csrf: Self.randomToken(), opened: now, lastSeen: now)
        return token
    }

    /// The live session of `token`, touched, with the role its account has now (`currentRole`);
    /// nil for an unknown or expired one, or when the account was removed (the session ends).
    func session(for token: String, currentRole: (String) async -> StaffRole?) async -> StaffSession? {
        guard let found = sessions[token] else { return nil }
        let now = Date()
        guard isLive(found, at: now), let role = await currentRole(found.user) else {
            sessions[token] = nil
            return nil
        }
        let session = StaffSession(user: found.user, role: role, csrf: found.csrf, opened: found.opened, lastSeen: now)
        sessions[token] = session
        return session
    }

    private func isLive(_ session: StaffSession, at now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeen) < idleLimit && now.timeIntervalSince(session.opened) < maximumAge
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
