import Hummingbird

/// The request context of the office app: Hummingbird's core context, the signed-in member of
/// staff and the posted form (read once, by `StaffSessionMiddleware`).
struct OfficeRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The session of the request's cookie; nil on the sign-in page.
    var session: StaffSession?
    /// The cookie token of that session.
    var sessionToken: String?
    /// The posted form, for POST requests.
    var form = FormBody()

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The session; routes behind the middleware always have one.
    var staff: StaffSession {
        get throws {
            guard let session else { throw HTTPError(.unauthorized) }
            return session
        }
    }
}
