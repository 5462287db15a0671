import Hummingbird
import SyncCore

/// `GET /v1/audit?since=<id>&limit=<n>`: the audit log, for the central office only (403 otherwise).
struct AuditAPI<Store: ChangeStore>: Sendable {
    let store: Store

    static var defaultLimit: Int { 100 }
    static var maxLimit: Int { 1_000 }

    func list(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let site = try context.authenticatedSite()
        guard site.central else {
            throw ServerError.forbidden("only the central office may read the audit log; site \(site.site) may not")
        }
        let query = request.uri.queryParameters
        let since = try Self.number(query["since"], name: "since", default: 0)
        let limit = try Self.number(query["limit"], name: "limit", default: Int64(Self.defaultLimit))
        guard limit >= 1 else {
            throw ServerError.badRequest(code: "bad_parameter", message: "'limit' must be 1 to \(Self.maxLimit)")
        }
        let page = try await store.auditEntries(since: since, limit: Int(min(limit, Int64(Self.maxLimit))))
        return JSONReply.response(page, for: request)
    }

    private static func number(_ text: Substring?, name: String, default value: Int64) throws(ServerError) -> Int64 {
        guard let text else { return value }
        guard let number = Int64(text), number >= 0 else {
            throw .badRequest(code: "bad_parameter", message: "'\(name)' must be a whole number ≥ 0, got '\(text.prefix(40))'")
        }
        return number
    }
}
