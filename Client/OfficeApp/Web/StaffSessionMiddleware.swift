import Hummingbird

/// Reads every posted form once, lets the sign-in page and the stylesheet through, and requires a
/// live session everywhere else; every post must carry the session's anti-forgery token.
/// Without a session a page asks to sign in; a post is refused (403) and changes nothing.
struct StaffSessionMiddleware: RouterMiddleware {
    typealias Context = OfficeRequestContext
    let sessions: SessionStore
    let accounts: AccountDesk
    let texts: Texts

    /// The largest form accepted (a CSV file among them).
    static let maxBodyBytes = 16 * 1024 * 1024

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        var context = context
        let path = request.uri.path
        let open = path == "/login" || path == "/favicon.ico" || path.hasPrefix("/static/")
        let accounts = self.accounts
        var session: StaffSession? = nil
        var token: String? = nil
        if !open {
            token = HTMLResponse.cookieValue(HTMLResponse.sessionCookie, in: request)
            if let token {
                session = await sessions.session(for: token) { user in await accounts.role(of: user) }
            }
            guard session != nil else {
                // No body is read for a request without a session.
                if request.method == .post { return HTMLResponse.page(Self.refusal(texts), status: .forbidden) }
                return HTMLResponse.redirect(to: "/login")
            }
        }
        if request.method == .post {
            let body = try await request.collectBody(upTo: Self.maxBodyBytes)
            context.form = FormBody(bytes: Array(buffer: body), contentType: request.headers[.contentType])
        }
        guard let session else { return try await next(request, context) }
        if request.method == .post {
            guard let sent = context.form.fields["_csrf"], Self.constantTimeEquals(sent, session.csrf) else {
                return HTMLResponse.page(Self.refusal(texts), status: .forbidden)
            }
        }
        context.session = session
        context.sessionToken = token
        return try await next(request, context)
    }

    /// The page of a refused post.
    static func refusal(_ texts: Texts) -> String {
        "<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>\(texts["ui_error"])</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main id=\"main\">"
            + "<h1>\(texts["ui_error"])</h1><p class=\"flash error\" role=\"alert\" id=\"flash\">\(texts["ui_form_expired"])</p>"
            + "<p><a href=\"/login\">\(texts["ui_login_title"])</a></p></main></body></html>"
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
