import Hummingbird
import HummingbirdCore
import NIOCore

extension HTTP1Channel.Configuration {
    /// HTTP/1.1 with every connection watched by a `ConnectionGuard` under `limits` (one registry
    /// counts the connections of the whole server), and idle keep-alive connections closed.
    static func guarded(by limits: ConnectionLimits) -> HTTP1Channel.Configuration {
        let registry = ConnectionRegistry(limits: limits)
        return HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(limits: limits, registry: registry)],
            idleTimeout: .milliseconds(Int64(max(limits.headerTimeoutSeconds, limits.bodyTimeoutSeconds) * 1_000)))
    }
}
