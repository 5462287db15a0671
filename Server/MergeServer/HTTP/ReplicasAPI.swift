import Hummingbird
import SyncCore
import SyncProtocol

/// `GET /v1/replicas?dots=<replica:counter,…>` or `?since=<n>&limit=<n>`: every replica with its
/// site, and the times the server received the writes named (or those after position `since`),
/// for any authenticated site. Neither is personal data:
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
        let dots = try query["dots"].map { try Self.dots(String($0)) }
        let directory = try await store.replicaDirectory(
            since: since, limit: Int(min(limit, UInt64(Self.maxLimit))), dots: dots, for: site)
        return JSONReply.response(directory, for: request)
    }

    /// `POST /v1/replicas/{replica}/retire`: the central office retires a replica that will never
    /// come back (`ChangeStore.retire`).
    func retire(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let site = try context.authenticatedSite()
        let replica = try SyncAPI<Store>.replicaID(context.parameters.get("replica") ?? "")
        let receipt = try await store.retire(replica: replica, by: site)
        context.logger.info("retire", metadata: ["replica": "\(replica)", "site": "\(receipt.site)"])
        return JSONReply.response(receipt, for: request)
    }

    /// Dots asked for by `dots=replica:counter,replica:counter` (at most `maxDots`).
    static func dots(_ text: String) throws(ServerError) -> [Dot] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: true)
        guard parts.count <= maxDots else {
            throw .badRequest(code: "bad_parameter", message: "'dots' names at most \(maxDots) dots, got \(parts.count)")
        }
        var dots: [Dot] = []
        for part in parts {
            let pair = part.split(separator: ":")
            guard pair.count == 2, let counter = UInt64(pair[1]) else {
                throw .badRequest(code: "bad_parameter", message: "'dots' expects replica:counter pairs separated by commas")
            }
            dots.append(Dot(replica: try SyncAPI<Store>.replicaID(String(pair[0])), counter: counter))
        }
        return dots
    }

    static var maxDots: Int { 200 }

    private static func number(_ text: Substring?, name: String, default value: UInt64) throws(ServerError) -> UInt64 {
        guard let text else { return value }
        guard let number = UInt64(text) else {
            throw .badRequest(code: "bad_parameter", message: "'\(name)' must be a whole number ≥ 0, got '\(text.prefix(40))'")
        }
        return number
    }
}
