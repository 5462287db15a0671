import ReplicaStore
import SyncProtocol

extension SyncSession {
    /// The rows this replica holds back from sync now, as the handshake reports them to the server.
    func heldBackReport() throws(SyncError) -> HeldBackReport {
        let rows = try replicaCall { try replica.quarantinedRows() }
        return HeldBackReport(
            total: rows.count,
            rows: rows.prefix(HeldBackReport.maxRows).map { row in
                HeldBackRow(
                    table: Self.clipped(row.table), id: Self.clipped(row.id), column: Self.clipped(row.column),
                    reason: Self.clipped(row.reason), since: Self.clipped(row.since))
            })
    }

    /// The push cuts the office's latest writes and may hold rows back or release them: when the
    /// rows held back are no longer those the handshake reported (`reported`), say hello again with
    /// them, so that the central office's status is right as of this sync, not the next one.
    func reportHeldBackIfChanged(since reported: HeldBackReport) throws(SyncError) {
        let now = try heldBackReport()
        guard now != reported else { return }
        let lineage = try replicaCall { try replica.lineage() }
        _ = try api.handshake(replica: replica.replicaID, lineage: lineage, heldBack: now)
    }

    /// `text` cut to the length the server keeps.
    private static func clipped(_ text: String) -> String {
        text.count <= HeldBackReport.maxTextLength ? text : String(text.prefix(HeldBackReport.maxTextLength - 1)) + "…"
    }
}
