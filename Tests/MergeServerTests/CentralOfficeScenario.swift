import Foundation
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol

/// Pushes from two sites that leave one conflict, as the central office's views expect to find it:
///
/// 1. crema inserts partner `p1` ("Iride") and household `h1` (sequences 1, 2);
/// 2. crema renames the partner "Iride coop" (sequence 3);
/// 3. cremona, not having seen that, renames it "Cooperativa Iride" (sequence 4): a conflict on `name`,
///    where cremona's write (`cremona-pc-1:1`) has the smaller dot, so crema's value is shown;
/// 4. crema pulls everything (behind 0); cremona and hq never pull (behind 4).
enum CentralOfficeScenario {
    static let cremaName = "Iride coop"
    static let cremonaName = "Cooperativa Iride"
    static let latestSequence: UInt64 = 4

    /// The change sets of steps 1-3, each with the pushing site.
    static var pushes: [(site: String, changeSet: ChangeSet)] {
        let partner = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        let household = Rows.household("h1", site: "crema", by: Replicas.crema, counter: 1)
        let fromCrema = Rows.update(partner, ["name": .text(cremaName)], by: Replicas.crema, counter: 2)
        let fromCremona = Rows.update(partner, ["name": .text(cremonaName)], by: Replicas.cremona, counter: 1)
        return [
            ("crema", Rows.changeSet([partner, household], from: Replicas.crema, site: "crema")),
            ("crema", Rows.changeSet([fromCrema], from: Replicas.crema, site: "crema")),
            ("cremona", Rows.changeSet([fromCremona], from: Replicas.cremona, site: "cremona")),
        ]
    }

    /// Runs the scenario directly on the fixture's store.
    static func run(on fixture: Fixture) async throws {
        for (site, changeSet) in pushes {
            _ = try await fixture.store.push(changeSet, from: Fixture.authenticated(site))
        }
        _ = try await fixture.store.pull(replica: Replicas.crema, since: 0, limit: 100, for: Fixture.authenticated("crema"))
    }

    /// Runs the scenario over HTTP through `client`.
    static func run(through client: some TestClientProtocol, fixture: Fixture) async throws {
        for (site, changeSet) in pushes {
            let response = try await client.push(changeSet, token: fixture.tokens[site])
            guard response.status == .ok else { throw ScenarioFailure(step: "push by \(site)", response: response.text) }
        }
        let pulled = try await client.pull(Replicas.crema, token: fixture.tokens["crema"])
        guard pulled.status == .ok else { throw ScenarioFailure(step: "pull by crema", response: pulled.text) }
    }
}

struct ScenarioFailure: Error, CustomStringConvertible {
    let step: String
    let response: String
    var description: String { "\(step) failed: \(response)" }
}
