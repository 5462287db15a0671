import Hummingbird
import SyncCore

/// The handler of `GET /metrics`: every metric in Prometheus' text exposition format, the gauges
/// (site lag, open conflicts, latest sequence) read fresh from the store's central-office status.
struct MetricsAPI<Store: ChangeStore>: Sendable {
    let store: Store
    let metrics: ServerMetrics
    let catalog: Catalog

    /// The content type of the text exposition format, version 0.0.4.
    static var contentType: String { "text/plain; version=0.0.4; charset=utf-8" }

    func scrape(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let status = try await store.status(for: .centralOffice)
        metrics.update(from: status, catalog: catalog)
        let bytes = Array(metrics.exposition().utf8)
        return Response(
            status: .ok,
            headers: [.contentType: Self.contentType, .contentLength: String(bytes.count), .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
