import SyncCore
import Hummingbird

/// The request context of the sync API: Hummingbird's core context plus the site the bearer token
/// authenticated (set by `AuthMiddleware` on every `/v1` route).
public struct SyncRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token's site; nil before authentication and on unauthenticated routes (`/health`).
    public var site: AuthenticatedSite?
    /// The client's IP address (the key of the failed-authentication limit); "unknown" when the
    /// connection has none (in-process tests).
    public var clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.site = nil
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The authenticated site.
    ///
    /// - Throws: `ServerError.unauthorized` when the route was reached without authentication.
    func authenticatedSite() throws(ServerError) -> AuthenticatedSite {
        guard let site else { throw .unauthorized("this request needs 'Authorization: Bearer <token>'") }
        return site
    }
}
