import Hummingbird

/// Lets only the central office through, for pages a person opens in a browser: the central token is
/// accepted as `Authorization: Bearer` or as the password of HTTP Basic auth (any user name).
///
/// Without a valid token: `401` with `WWW-Authenticate: Basic realm="FareLegami central office"`, so
/// the browser asks for it; with another site's token: `403`. The token is never echoed or logged.
/// Wrong tokens count towards the client address's failed-authentication limit (`AuthFailureLimiter`);
/// a request without credentials does not (a browser always asks without them first).
struct CentralOfficeAuthMiddleware<Store: ChangeStore>: RouterMiddleware {
    typealias Context = SyncRequestContext
    let store: Store
    let limiter: AuthFailureLimiter

    init(store: Store, limiter: AuthFailureLimiter = AuthFailureLimiter()) {
        self.store = store
        self.limiter = limiter
    }

    /// The realm of the Basic challenge, shown by the browser's sign-in prompt.
    static var realm: String { "FareLegami central office" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let wait = await limiter.retryAfter(for: context.clientAddress) {
            return AuthFailureLimiter.refusal(retryAfter: wait)
        }
        guard let token = request.headers[.authorization].flatMap(Credentials.token(fromAuthorization:)) else {
            return Self.challenge("Sign in with the central office's token as the password (any user name).")
        }
        guard let site = try await store.authenticate(tokenHash: AccessToken.hash(token)) else {
            await limiter.recordFailure(from: context.clientAddress)
            return Self.challenge(
                "The token is unknown or revoked: sign in with a valid token of the central office (hq).")
        }
        guard site.central else {
            return HTMLReply.notice(
                status: .forbidden, title: "Central office only",
                message: "This token belongs to site \(site.site): the dashboard is for the central office (hq) only.")
        }
        var context = context
        context.site = site
        return try await next(request, context)
    }

    private static func challenge(_ message: String) -> Response {
        var response = HTMLReply.notice(status: .unauthorized, title: "Sign in", message: message)
        response.headers[.wwwAuthenticate] = "Basic realm=\"\(realm)\", charset=\"UTF-8\""
        return response
    }
}
