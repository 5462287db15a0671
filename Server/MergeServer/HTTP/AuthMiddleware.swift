import SyncCore
import Foundation
import Hummingbird

/// Authenticates `Authorization: Bearer <token>` against the store's token hashes and puts the
/// token's site in the context. Refuses with 401 `unauthorized` otherwise; never echoes the token.
struct AuthMiddleware<Store: ChangeStore>: RouterMiddleware {
    typealias Context = SyncRequestContext
    let store: Store

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw ServerError.unauthorized(
                "this request needs 'Authorization: Bearer <token>': the central office issues tokens "
                    + "with 'farelegami-server site add SITE'")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw ServerError.unauthorized("the Authorization header must be 'Bearer <token>'")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard let site = try await store.authenticate(tokenHash: AccessToken.hash(token)) else {
            throw ServerError.unauthorized(
                "the token is unknown or revoked: check the site's configuration or ask the central office for a new one")
        }
        var context = context
        context.site = site
        return try await next(request, context)
    }
}
