import Foundation
import SiteClient
import SyncProtocol

extension PageBuilder {
    /// The resolutions made here lately, each with how far it has travelled: not sent yet (this
    /// replica has not synced since), sent and awaited by the offices named, or arrived everywhere:
    /// every computer not retired, of every office, received changes after the server had it.
    func recentResolutions(now: Date) throws -> [ConflictsPage.Resolution] {
        let log = try ResolutionLog(connection: office.replica.connection)
        let entries = try log.recent()
        guard !entries.isEmpty else { return [] }
        let report: StatusReport? = office.replica.isCentral ? try? CentralOfficeDesk(replica: office.replica).status() : nil
        let own = office.replica.replicaID.rawValue
        let ownPush = report?.sites.flatMap(\.replicas).first { $0.replica == own }?.lastPush.flatMap(ItalianFormat.instant)
        return try entries.map { entry in
            let resolved = texts.format("ui_resolved_by", ItalianFormat.time(entry.at), entry.user)
            var sent = entry.sentAt.flatMap(ItalianFormat.instant)
            if sent == nil, let ownPush, let at = ItalianFormat.instant(entry.at), ownPush >= at {
                try log.markSent(entry.seq, at: ISO8601DateFormatter().string(from: ownPush))
                sent = ownPush
            }
            guard let sent else {
                let state = report == nil && office.replica.isCentral ? texts["ui_resolution_unknown"] : texts["ui_resolution_to_send"]
                return ConflictsPage.Resolution(label: entry.label, resolved: resolved, state: state, everywhere: false)
            }
            guard let report else {
                return ConflictsPage.Resolution(label: entry.label, resolved: resolved, state: texts["ui_resolution_unknown"], everywhere: false)
            }
            let waiting = report.sites.filter { site in
                site.replicas.contains { replica in
                    replica.replica != own && replica.retiredAt == nil
                        && (replica.lastPull.flatMap(ItalianFormat.instant).map { $0 < sent } ?? true)
                }
            }.map { texts.value("", "site_id", $0.site) }
            return ConflictsPage.Resolution(
                label: entry.label, resolved: resolved,
                state: waiting.isEmpty ? texts["ui_resolution_everywhere"] : texts.format("ui_resolution_waiting", waiting.joined(separator: ", ")),
                everywhere: waiting.isEmpty)
        }
    }
}
