import Hummingbird
import SyncCore

/// The router of the merge server: `GET /health` and the authenticated `/v1` API over `store`.
///
/// Every error becomes a JSON error body (`ErrorMiddleware`); every `/v1` route needs a bearer token
/// (`AuthMiddleware`).
public func buildRouter(
    store: some ChangeStore, configuration: ServerConfiguration, catalog: Catalog = .farelegami
) -> Router<SyncRequestContext> {
    let router = Router(context: SyncRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.get("health") { request, _ in
        JSONReply.response(["status": "ok"], for: request)
    }
    let api = SyncAPI(store: store, catalog: catalog, maxBodyBytes: configuration.maxBodyBytes)
    let v1 = router.group("v1").add(middleware: AuthMiddleware(store: store))
    v1.post("handshake", use: api.handshake)
    v1.post("push", use: api.push)
    v1.get("pull", use: api.pull)
    v1.get("status", use: api.status)
    return router
}
