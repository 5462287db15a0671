import Foundation
import SiteClient
import SyncProtocol

extension PageBuilder {
    /// Every site's computers as the server reports them, each state in words; a central admin
    /// may retire a computer that will never come back. Said in one line when the server cannot be reached.
    func sites(now: Date = Date()) -> String {
        var problem: String? = nil
        var computers: [SitesPage.Computer] = []
        do {
            let report = try CentralOfficeDesk(replica: office.replica).status()
            for site in report.sites {
                let name = texts.value("", "site_id", site.site)
                if site.replicas.isEmpty {
                    computers.append(SitesPage.Computer(
                        site: name, computer: texts["ui_no_computer"], lastPush: texts["ui_never"], lastPull: texts["ui_never"],
                        lag: 0, state: texts["ui_never_synced"], isProblem: true, canRetire: false, retireHref: ""))
                }
                let ordered = site.replicas.sorted { ($0.firstSeen, $0.replica) < ($1.firstSeen, $1.replica) }
                for (index, replica) in ordered.enumerated() {
                    computers.append(computer(replica, number: index + 1, site: name, now: now))
                }
            }
        } catch {
            problem = texts["ui_server_unreachable"] + " (\(error))"
        }
        let page = SitesPage(t: texts.strings, chrome: chrome(texts["ui_sites_title"]), problem: problem, computers: computers)
        return Templates.render(page, "sites")
    }

    /// The confirmation before retiring `replica`, named as the sites page names it (from the
    /// server's status, never from the link); nil for a replica the status does not list.
    func confirmRetire(_ replica: String, now: Date = Date()) -> String? {
        guard let report = try? CentralOfficeDesk(replica: office.replica).status() else { return nil }
        for site in report.sites {
            let ordered = site.replicas.sorted { ($0.firstSeen, $0.replica) < ($1.firstSeen, $1.replica) }
            guard let index = ordered.firstIndex(where: { $0.replica == replica }) else { continue }
            let label = computer(ordered[index], number: index + 1, site: texts.value("", "site_id", site.site), now: now).computer
            return Templates.render(
                RetirePage(t: texts.strings, chrome: chrome(texts["ui_retire"]), computer: label, replica: replica), "retire")
        }
        return nil
    }

    private func computer(_ replica: ReplicaProgress, number: Int, site: String, now: Date) -> SitesPage.Computer {
        let since = ItalianFormat.instant(replica.firstSeen).map { texts.format("ui_since_date", ItalianFormat.time($0)) } ?? ""
        let label = texts.format("ui_computer_of", number, site) + (since.isEmpty ? "" : " (\(since))")
        var reasons: [String] = []
        var gone = false
        if let retired = replica.retiredAt {
            reasons.append(texts.format("ui_retired_on", ItalianFormat.time(retired)))
        } else {
            let last = [replica.lastPush, replica.lastPull].compactMap { $0.flatMap(ItalianFormat.instant) }.max()
            if let last {
                let days = Int(now.timeIntervalSince(last) / 86_400)
                if days > 2 { reasons.append(texts.format("ui_no_sync_days", days)) }
                gone = days > 14
            } else {
                reasons.append(texts["ui_never_synced"])
            }
            if replica.behind > 0 { reasons.append(texts.format("ui_changes_to_pull", Int(replica.behind))) }
            if let held = replica.heldBack, held.total > 0 { reasons.append(texts.format("ui_held_back_rows", held.total)) }
        }
        if let at = replica.forkedAt { reasons.append(texts.format("ui_forked", ItalianFormat.time(at))) }
        if gone { reasons.append(texts["ui_gone_hint"]) }
        let problem = replica.retiredAt == nil && !reasons.isEmpty && !(reasons.count == 1 && replica.forkedAt != nil)
        return SitesPage.Computer(
            site: site, computer: label, lastPush: replica.lastPush.map(ItalianFormat.time) ?? texts["ui_never"],
            lastPull: replica.lastPull.map(ItalianFormat.time) ?? texts["ui_never"], lag: replica.behind,
            state: reasons.isEmpty ? texts["ui_up_to_date"] : reasons.joined(separator: "; "), isProblem: problem,
            // Never this app's own replica: it is plainly here.
            canRetire: staff.role == .centralAdmin && replica.retiredAt == nil && replica.replica != office.replica.replicaID.rawValue,
            retireHref: "/sites/retire?replica=\(replica.replica)")
    }
}
