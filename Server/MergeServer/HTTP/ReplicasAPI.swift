import Hummingbird
import SyncCore

/// `GET /v1/replicas?since=<n>&limit=<n>`: every replica with its site, and the times the server
/// received writes after position `since`, for any authenticated site. Neither is personal data:
/// site names are shared, and a time says only when a replica's push arrived.
struct ReplicasAPI<Store: ChangeStore>: Sendable {
    let store: Store

    static var defaultLimit: Int { 5_000 }
    static var maxLimit: Int { 20_000 }

    func list(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let site = try context.authenticatedSite()
        let query = request.uri.queryParameters
        let since = try Self.number(query["since"], name: "since", default: 0)
        let limit = try Self.number(query["limit"], name: "limit", default: UInt64(Self.defaultLimit))
        guard limit >= 1 else {
            throw ServerError.badRequest(code: "bad_parameter", message: "'limit' must be 1 to \(Self.maxLimit)")
        }
        let directory = try await store.replicaDirectory(
            since: since, limit: Int(min(limit, UInt64(Self.maxLimit))), for: site)
        return JSONReply.response(directory, for: request)
    }

    private static func number(_ text: Substring?, name: String, default value: UInt64) throws(ServerError) -> UInt64 {
        guard let text else { return value }
        guard let number = UInt64(text) else {
            throw .badRequest(code: "bad_parameter", message: "'\(name)' must be a whole number ≥ 0, got '\(text.prefix(40))'")
        }
        return number
    }
}
