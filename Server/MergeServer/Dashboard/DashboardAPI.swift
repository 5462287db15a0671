import Foundation
import Hummingbird

/// The handler of `GET /dashboard`: the central office's read-only page of sync progress, open
/// conflicts and row totals, rendered on the server (see `DashboardPage`, `DashboardTemplate`).
struct DashboardAPI<Store: ChangeStore>: Sendable {
    let store: Store
    /// The page's clock (ages of syncs, the "behind" rule); injectable for tests.
    let now: @Sendable () -> Date

    /// The page lists at most this many conflicts (oldest first) and says how many more are open.
    static var conflictLimit: Int { 500 }

    func page(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let site = try context.authenticatedSite()
        let status = try await store.status(for: site)
        let conflicts = try await store.openConflicts(for: site, limit: Self.conflictLimit)
        let totals = try await store.tableTotals()
        let page = DashboardPage(status: status, conflicts: conflicts, totals: totals, now: now())
        return HTMLReply.response(DashboardTemplate.page.render(page), acceptsGzip: JSONReply.acceptsGzip(request))
    }
}
