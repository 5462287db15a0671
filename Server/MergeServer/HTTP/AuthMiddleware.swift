import SyncCore
import Foundation
import Hummingbird

/// Authenticates `Authorization: Bearer <token>` against the store's token hashes and puts the
/// token's site in the context. Refuses with 401 `unauthorized` otherwise; never echoes the token.
/// A client address with too many failures in a row is answered 429 (`AuthFailureLimiter`).
struct AuthMiddleware<Store: ChangeStore>: RouterMiddleware {
    typealias Context = SyncRequestContext
    let store: Store
    let limiter: AuthFailureLimiter

    init(store: Store, limiter: AuthFailureLimiter = AuthFailureLimiter()) {
        self.store = store
        self.limiter = limiter
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let wait = await limiter.retryAfter(for: context.clientAddress) {
            return AuthFailureLimiter.refusal(retryAfter: wait)
        }
        var context = context
        do {
            context.site = try await authenticate(request)
        } catch ServerError.unauthorized(let message) {
            await limiter.recordFailure(from: context.clientAddress)
            throw ServerError.unauthorized(message)
        }
        return try await next(request, context)
    }

    private func authenticate(_ request: Request) async throws(ServerError) -> AuthenticatedSite {
        guard let header = request.headers[.authorization] else {
            throw .unauthorized(
                "this request needs 'Authorization: Bearer <token>': the central office issues tokens "
                    + "with 'farelegami-server site add SITE'")
        }
        guard let token = Credentials.bearerToken(fromAuthorization: header) else {
            throw .unauthorized("the Authorization header must be 'Bearer <token>'")
        }
        guard let site = try await store.authenticate(tokenHash: AccessToken.hash(token)) else {
            throw .unauthorized(
                "the token is unknown or revoked: check the site's configuration or ask the central office for a new one")
        }
        return site
    }
}
