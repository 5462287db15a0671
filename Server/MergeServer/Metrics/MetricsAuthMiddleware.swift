import Hummingbird

/// Lets through to `GET /metrics` only the central office's token, or the metrics token the
/// operator gave `serve --metrics-token-file` (for a Prometheus scraper, which then holds no token
/// that can sync), as `Authorization: Bearer` or as the password of HTTP Basic auth.
///
/// Without a token or with an unknown one: `401` (and the failure counts towards the client
/// address's limit, `AuthFailureLimiter`, when a token was given); with another site's token: `403`.
/// A token is compared by its SHA-256 hash, in constant time for the metrics token; it is never
/// echoed or logged.
struct MetricsAuthMiddleware<Store: ChangeStore>: RouterMiddleware {
    typealias Context = SyncRequestContext
    let store: Store
    /// The SHA-256 (hex) of the operator's metrics token, if one was set.
    let metricsTokenHash: String?
    let limiter: AuthFailureLimiter

    init(store: Store, metricsTokenHash: String?, limiter: AuthFailureLimiter = AuthFailureLimiter()) {
        self.store = store
        self.metricsTokenHash = metricsTokenHash
        self.limiter = limiter
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let wait = await limiter.retryAfter(for: context.clientAddress) {
            return AuthFailureLimiter.refusal(retryAfter: wait)
        }
        guard let token = request.headers[.authorization].flatMap(Credentials.token(fromAuthorization:)) else {
            throw ServerError.unauthorized(
                "/metrics needs 'Authorization: Bearer <token>': the central office's token, or the metrics token "
                    + "given to 'farelegami-server serve --metrics-token-file'")
        }
        let hash = AccessToken.hash(token)
        if let metricsTokenHash, AccessToken.constantTimeEqual(hash, metricsTokenHash) {
            return try await next(request, context)
        }
        guard let site = try await store.authenticate(tokenHash: hash) else {
            await limiter.recordFailure(from: context.clientAddress)
            throw ServerError.unauthorized(
                "the token is unknown or revoked: /metrics takes the central office's token or the metrics token")
        }
        guard site.central else {
            throw ServerError.forbidden(
                "this token belongs to site \(site.site): /metrics is for the central office (hq) or its metrics token")
        }
        return try await next(request, context)
    }
}
