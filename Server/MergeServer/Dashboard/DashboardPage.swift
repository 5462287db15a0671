import Foundation
import SyncCore
import SyncProtocol

/// What the central office's dashboard shows, as text ready for the template: the replicas of every
/// site with their sync progress and a "behind" warning, the open conflicts with every side's value,
/// and the row totals. Pure: built from the store's reports and a clock, tested without a server.
///
/// Only stored properties: the Mustache renderer reads values through reflection.
struct DashboardPage {
    /// A site is behind when one of its replicas has not synced for longer than this (2 days).
    static let staleAfter: TimeInterval = 2 * 86_400

    let generatedAt: String
    let latestSequence: UInt64
    let epoch: String
    let replicas: [ReplicaRow]
    let behindSites: [String]
    let anyBehind: Bool
    let behindList: String
    let conflicts: [ConflictRow]
    let hasConflicts: Bool
    let openConflictCount: Int
    let unlistedConflicts: Int
    let hasUnlistedConflicts: Bool
    let totals: [TotalRow]

    /// One replica of a site (or a site that has none yet).
    struct ReplicaRow {
        let site: String
        let central: Bool
        let replica: String
        let lastPush: String
        let lastPull: String
        let lag: UInt64
        let behind: Bool
        let reason: String
        /// "restored from an older copy of … on …" for a replica that forked; nil otherwise.
        var fork: String? = nil
        /// The rows the replica holds back from sync, each in words; empty when none.
        var heldBack: [String] = []
        /// Whether `heldBack` lists any row (stored: templates read values by reflection).
        var hasHeldBack = false
        /// Whether the central office retired the replica (`reason` says when).
        var retired = false
    }

    /// One open conflict with its sides side by side.
    struct ConflictRow {
        let table: String
        let rowID: String
        let column: String
        let site: String
        let openedAt: String
        let rowDeleted: Bool
        let sides: [SideRow]
    }

    /// One side of a conflict.
    struct SideRow {
        let value: String
        let dot: String
        let shown: Bool
    }

    /// One table's row counts.
    struct TotalRow {
        let table: String
        let privacy: String
        let live: Int
        let deleted: Int
        let bySite: [String]
        /// What the "by site" cell says when `bySite` is empty.
        let noSites: String
    }

    /// The page for `status` (the central office's), the listed `conflicts` and `totals`, at `now`.
    init(status: StatusReport, conflicts: [ConflictReport], totals: [TableTotals], now: Date) {
        generatedAt = ReadableTime.clock(now)
        latestSequence = status.latestSequence
        epoch = status.epoch
        replicas = status.sites.flatMap { Self.rows(of: $0, now: now) }
        behindSites = Array(Set(replicas.filter(\.behind).map(\.site))).sorted()
        anyBehind = !behindSites.isEmpty
        behindList = behindSites.joined(separator: ", ")
        self.conflicts = conflicts.map { Self.row(of: $0, now: now) }
        hasConflicts = !conflicts.isEmpty
        openConflictCount = status.openConflicts.values.reduce(0, +)
        unlistedConflicts = max(openConflictCount - conflicts.count, 0)
        hasUnlistedConflicts = unlistedConflicts > 0
        self.totals = totals.map { total in
            TotalRow(
                table: total.table, privacy: total.privacy == .site ? "per site" : "shared", live: total.live,
                deleted: total.deleted,
                bySite: total.bySite.map { "\($0.site): \($0.live)" + ($0.deleted > 0 ? " (+\($0.deleted) deleted)" : "") },
                noSites: total.privacy == .site ? "no rows yet" : "shared by every site")
        }
    }

    private static func rows(of site: SiteStatus, now: Date) -> [ReplicaRow] {
        guard !site.replicas.isEmpty else {
            return [
                ReplicaRow(
                    site: site.site, central: site.central, replica: "(no replica yet)", lastPush: "never",
                    lastPull: "never", lag: 0, behind: true, reason: "never synced")
            ]
        }
        return site.replicas.map { replica in
            let lastSync = [replica.lastPush, replica.lastPull].compactMap { $0.flatMap(ReadableTime.parse) }.max()
            var reasons: [String] = []
            if let retired = replica.retiredAt {
                return ReplicaRow(
                    site: site.site, central: site.central, replica: replica.replica,
                    lastPush: ReadableTime.describe(replica.lastPush, now: now),
                    lastPull: ReadableTime.describe(replica.lastPull, now: now), lag: replica.behind, behind: false,
                    reason: "retired on \(ReadableTime.describe(retired, now: now))", retired: true)
            }
            if let lastSync {
                if now.timeIntervalSince(lastSync) > staleAfter {
                    reasons.append("no sync for \(Int(now.timeIntervalSince(lastSync) / 86_400)) days")
                }
            } else {
                reasons.append("never synced")
            }
            if replica.behind > 0 { reasons.append("\(replica.behind) changes to pull") }
            let heldBack = replica.heldBack ?? HeldBackReport(total: 0, rows: [])
            if heldBack.total > 0 { reasons.append("\(heldBack.total) rows held back until the office corrects them") }
            return ReplicaRow(
                site: site.site, central: site.central, replica: replica.replica,
                lastPush: ReadableTime.describe(replica.lastPush, now: now),
                lastPull: ReadableTime.describe(replica.lastPull, now: now), lag: replica.behind,
                behind: !reasons.isEmpty, reason: reasons.joined(separator: "; "),
                fork: replica.forkedFrom.map {
                    "took over from \($0), restored from an older copy (or a second copy of its file), "
                        + "on \(ReadableTime.describe(replica.forkedAt, now: now)); nothing was lost"
                },
                heldBack: heldBack.rows.map { "\($0.table) \($0.id): \($0.column) \($0.reason)" },
                hasHeldBack: !heldBack.rows.isEmpty)
        }
    }

    private static func row(of conflict: ConflictReport, now: Date) -> ConflictRow {
        ConflictRow(
            table: conflict.table, rowID: conflict.rowID, column: conflict.column, site: conflict.site ?? "—",
            openedAt: ReadableTime.describe(conflict.openedAt, now: now), rowDeleted: conflict.rowDeleted,
            sides: conflict.sides.map { side in
                SideRow(value: display(side, column: conflict.column), dot: side.dot, shown: side.shown)
            })
    }

    /// A side's value as shown: `(deleted)` for a delete, `(row exists)` for a kept row on `_live`,
    /// `(empty)` for NULL or empty text, else the value.
    static func display(_ side: ConflictReport.Side, column: String) -> String {
        if side.isDelete { return "(deleted)" }
        if column == RowVersion.liveColumn { return "(row exists)" }
        switch side.value {
        case .null: return "(empty)"
        case .text(let text) where text.isEmpty: return "(empty)"
        default: return side.value.description
        }
    }
}
