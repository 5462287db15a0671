import Prometheus
import SyncCore
import SyncProtocol

/// The merge server's Prometheus metrics, in a registry of its own (no global `MetricsSystem`), so
/// every server and every test has independent figures. `GET /metrics` emits them.
///
/// Counters grow from the server's start: HTTP requests by route and status, pushes, pulls, rows
/// merged, conflicts opened and resolved. Gauges are read from the store at each scrape: each site's
/// lag, open conflicts by table, the latest server sequence. No metric carries a token or row data.
public final class ServerMetrics: Sendable {
    /// The registry every metric is registered in.
    public let registry: PrometheusCollectorRegistry
    let pushes: Counter
    let pulls: Counter
    let rowsMerged: Counter
    let conflictsOpened: Counter
    let conflictsResolved: Counter
    let latestSequence: Gauge

    /// Metrics registered in `registry` (a new one by default).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        pushes = registry.makeCounter(descriptor: Self.name("pushes", "total", "Pushes merged (accepted change sets)."))
        pulls = registry.makeCounter(descriptor: Self.name("pulls", "total", "Pull pages served."))
        rowsMerged = registry.makeCounter(
            descriptor: Self.name("rows_merged", "total", "Rows whose stored state a push changed."))
        conflictsOpened = registry.makeCounter(
            descriptor: Self.name("conflicts_opened", "total", "Conflicting fields opened by pushes."))
        conflictsResolved = registry.makeCounter(
            descriptor: Self.name("conflicts_resolved", "total", "Conflicting fields closed by pushes."))
        latestSequence = registry.makeGauge(
            descriptor: Self.name("latest_sequence", "", "The last server sequence assigned."))
    }

    /// Counts one answered HTTP request; `route` is the matched route pattern (never the raw path, so
    /// unknown paths cannot grow the label set), `NotFound` when none matched.
    func countRequest(route: String, status: Int) {
        registry.makeCounter(
            descriptor: Self.name("http_requests", "total", "HTTP requests answered, by route and status."),
            labels: [("route", route), ("status", String(status))]
        ).increment()
    }

    /// Counts a push that was merged.
    func countPush(rowsChanged: Int, conflictsOpened opened: Int, conflictsResolved resolved: Int) {
        pushes.increment()
        rowsMerged.increment(by: Int64(rowsChanged))
        conflictsOpened.increment(by: Int64(opened))
        conflictsResolved.increment(by: Int64(resolved))
    }

    /// Counts a pull page served.
    func countPull() { pulls.increment() }

    /// Sets the gauges from a central-office status report: per site the lag (the latest sequence minus
    /// the least `pulledThrough` of its replicas; sites with no replica yet are left out), per synced
    /// table its open conflicts (0 included), and the latest sequence.
    func update(from status: StatusReport, catalog: Catalog) {
        latestSequence.set(Double(status.latestSequence))
        let lagName = Self.name(
            "site_lag", "sequences", "Server sequences the site's furthest-behind replica has not pulled.")
        for site in status.sites {
            guard let lag = site.replicas.map(\.behind).max() else { continue }
            registry.makeGauge(descriptor: lagName, labels: [("site", site.site)]).set(Double(lag))
        }
        let conflictsName = Self.name("open_conflicts", "", "Open conflicts (conflicting fields) by table.")
        for table in catalog.syncedTables {
            registry.makeGauge(descriptor: conflictsName, labels: [("table", table.name)])
                .set(Double(status.openConflicts[table.name] ?? 0))
        }
    }

    /// The text exposition format of every metric.
    public func exposition() -> String { registry.emitToString() }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "farelegami", metricName: metric, unitName: unit, helpText: help)
    }
}
