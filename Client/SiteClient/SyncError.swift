import ReplicaStore

/// Why a sync failed. Messages are one line; a failed sync loses nothing (every step that changed
/// the replica committed whole) and the next sync resumes.
public enum SyncError: Error, CustomStringConvertible {
    /// No server URL is set for this replica.
    case notConfigured(path: String)
    /// A setting is unusable (a malformed URL, a missing file).
    case invalidSetting(String)
    /// Another process is syncing this replica.
    case locked(path: String, holder: Int32?)
    /// The sync was asked to stop (SIGTERM/SIGINT) and stopped between two committed steps.
    case stopped
    /// No token could be found.
    case noToken(detail: String)
    /// The server could not be reached, or the connection failed.
    case transport(TransportError)
    /// The server refused a request (4xx/5xx) and said why.
    case server(status: Int, code: String, message: String)
    /// The server answered something that is not the protocol.
    case badResponse(detail: String)
    /// The replica could not be read or written.
    case replica(ReplicaError)
    /// A step on this computer failed for a reason no other case names (the detail says which).
    case local(detail: String)

    public var description: String {
        switch self {
        case .notConfigured(let path):
            "no server is set for \(path): run 'farelegami connect --db \(path) --server URL --token-file FILE'"
        case .invalidSetting(let detail):
            detail
        case .locked(let path, let holder):
            "another farelegami sync or daemon\(holder.map { " (pid \($0))" } ?? "") is using \(path); "
                + "it stops by itself when done, nothing to do"
        case .stopped:
            "stopped on request; everything synced so far is saved, the next sync resumes"
        case .noToken(let detail):
            "no token: \(detail)"
        case .transport(let error):
            "\(error)"
        case .server(let status, let code, let message) where Self.clientTooOld(code: code, message: message):
            "upgrade farelegami: the server refused the sync (HTTP \(status), \(code)): \(message); "
                + "unsynced writes stay in the replica until then"
        case .server(let status, let code, let message):
            "the server refused the sync (HTTP \(status), \(code)): \(message)"
        case .badResponse(let detail):
            "the server's answer is not the FareLegami protocol: \(detail)"
        case .replica(let error):
            "\(error)"
        case .local(let detail):
            "a step of the sync on this computer failed: \(detail) (nothing was lost; the next sync retries)"
        }
    }

    /// Whether the server refused a version mismatch because this client is the older side.
    private static func clientTooOld(code: String, message: String) -> Bool {
        ["schema_version", "protocol_version"].contains(code) && message.contains("upgrade the client")
    }
}
