import Foundation
import Hummingbird
import SyncCore

/// The router of the merge server: the open `GET /health`, `GET /metrics` (central office or metrics
/// token, `MetricsAuthMiddleware`), the central office's `GET /dashboard` and the authenticated `/v1`
/// API over `store`.
///
/// Every request is counted in `metrics` (pass the metrics the store was opened with, so its push and
/// pull counters are emitted too); every error becomes a JSON error body (`ErrorMiddleware`); every `/v1`
/// route needs a bearer token (`AuthMiddleware`); the dashboard needs the central office's token, as a
/// bearer token or a Basic auth password (`CentralOfficeAuthMiddleware`). `now` is the dashboard's clock.
public func buildRouter(
    store: some ChangeStore, configuration: ServerConfiguration, catalog: Catalog = .farelegami,
    metrics: ServerMetrics = ServerMetrics(), now: @escaping @Sendable () -> Date = Date.init
) -> Router<SyncRequestContext> {
    let router = Router(context: SyncRequestContext.self)
    // One memory of failed tokens for every authenticated route: guesses at /metrics, the dashboard
    // and /v1 count together, towards one address's limit and the global one.
    let limiter = AuthFailureLimiter()
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: ErrorMiddleware())
    router.get("health") { request, _ in
        JSONReply.response(["status": "ok"], for: request)
    }
    router.group("metrics")
        .add(middleware: MetricsAuthMiddleware(store: store, metricsTokenHash: configuration.metricsTokenHash, limiter: limiter))
        .get(use: MetricsAPI(store: store, metrics: metrics, catalog: catalog).scrape)
    router.group("dashboard").add(middleware: CentralOfficeAuthMiddleware(store: store, limiter: limiter))
        .get(use: DashboardAPI(store: store, now: now).page)
    let api = SyncAPI(store: store, catalog: catalog, maxBodyBytes: configuration.maxBodyBytes)
    let v1 = router.group("v1").add(middleware: AuthMiddleware(store: store, limiter: limiter))
    v1.post("handshake", use: api.handshake)
    v1.post("push", use: api.push)
    v1.get("pull", use: api.pull)
    v1.get("snapshot", use: api.snapshot)
    v1.get("catalog", use: api.catalog)
    v1.get("status", use: api.status)
    v1.get("audit", use: AuditAPI(store: store).list)
    v1.get("replicas", use: ReplicasAPI(store: store).list)
    v1.post("replicas/:replica/retire", use: ReplicasAPI(store: store).retire)
    return router
}
