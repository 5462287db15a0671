import Foundation
import SyncProtocol

extension StatusReport {
    /// The report as `farelegami-server status` prints it: one line per replica (site, replica, last
    /// push and pull with their age at `now`, the sequence pulled through, how far behind the latest
    /// sequence it is), then the open conflicts by table.
    ///
    /// ```
    /// latest server sequence 3 · epoch 9f2c4e1a7b3d5f60a1b2c3d4e5f60718
    ///
    /// SITE     REPLICA       LAST PUSH                        LAST PULL  PULLED  BEHIND
    /// crema    crema-pc-1    2026-05-28 20:26 UTC (just now)  never           0       3
    /// ```
    public func textTable(now: Date = Date()) -> String {
        var rows = [["SITE", "REPLICA", "LAST PUSH", "LAST PULL", "PULLED", "BEHIND", "SCHEMA"]]
        for site in sites {
            let name = site.central ? "\(site.site) (central)" : site.site
            if site.replicas.isEmpty { rows.append([name, "(no replica yet)", "never", "never", "-", "-", "-"]) }
            for replica in site.replicas {
                rows.append([
                    name, replica.replica + (replica.retiredAt == nil ? "" : " (retired)"), ReadableTime.describe(replica.lastPush, now: now),
                    ReadableTime.describe(replica.lastPull, now: now), String(replica.pulledThrough),
                    String(replica.behind), replica.schemaVersion.map { "v\($0)" } ?? "-",
                ])
            }
        }
        var lines = ["latest server sequence \(latestSequence) · epoch \(epoch)" + (schemaVersion.map { " · schema version \($0)" } ?? ""), ""]
        lines += Self.align(rows, rightAligned: [4, 5])
        if let schemaVersion {
            let behind = sites.flatMap(\.replicas).filter { $0.retiredAt == nil && ($0.schemaVersion ?? schemaVersion) < schemaVersion }
            if !behind.isEmpty {
                lines.append(
                    "\(behind.count) replica(s) still on an older schema version: they sync as it holds rows and move to "
                        + "version \(schemaVersion) at their next sync")
            }
        }
        for site in sites {
            for replica in site.replicas {
                guard let old = replica.forkedFrom else { continue }
                lines.append(
                    "\(site.site): replica \(old) was restored from an older copy (or a second copy of its file synced) "
                        + "on \(ReadableTime.describe(replica.forkedAt, now: now)); it now syncs as \(replica.replica), "
                        + "and nothing was lost")
            }
        }
        for site in sites {
            for replica in site.replicas {
                guard let heldBack = replica.heldBack, heldBack.total > 0 else { continue }
                lines.append(
                    "\(site.site): replica \(replica.replica) holds back \(heldBack.total) row(s) until the office corrects "
                        + "them (its other writes sync as usual):")
                for row in heldBack.rows.prefix(Self.heldBackRowsShown) {
                    lines.append("  - \(row.table) \(row.id): \(row.column) \(row.reason)")
                }
                if heldBack.total > Self.heldBackRowsShown {
                    lines.append("  … and \(heldBack.total - Self.heldBackRowsShown) more (`--json` lists up to \(HeldBackReport.maxRows))")
                }
            }
        }
        lines.append("")
        if openConflicts.isEmpty {
            lines.append("no open conflicts")
        } else {
            lines.append("open conflicts by table:")
            lines += Self.align(openConflicts.sorted { $0.key < $1.key }.map { ["  \($0.key)", String($0.value)] }, rightAligned: [1])
        }
        return lines.joined(separator: "\n")
    }

    /// How many held-back rows of one replica the text lists.
    static let heldBackRowsShown = 10

    /// The report as pretty-printed JSON with sorted keys: the document `GET /v1/status` answers to
    /// the central office.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private static func align(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (column, cell) in row.enumerated() {
                if column == widths.count { widths.append(0) }
                widths[column] = max(widths[column], cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }.map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }
}
