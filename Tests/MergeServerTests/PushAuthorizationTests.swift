import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

@Suite struct PushAuthorizationTests {
    @Test func anotherSitesReplicaWritesInAPushAreNotStored() async throws {
        let fixture = try await Fixture()
        let own = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        // A cremona write the server never received, smuggled in a crema push (or re-sent after a restore).
        let smuggled = Rows.partner("p2", name: "Other", site: "cremona", by: Replicas.cremona)
        try await fixture.app().test(.router) { client in
            let response = try await client.push(
                Rows.changeSet([own, smuggled], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(response.status == .ok)
            #expect(try await fixture.snapshot().rows.map(\.id) == ["p1"], "only crema's own row is stored")
        }
    }

    @Test func ownWritesOnAnotherSitesUnreceivedWritesAreForbiddenAndChangeNothing() async throws {
        let fixture = try await Fixture()
        let own = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        let theirs = Rows.partner("p2", name: "Other", site: "cremona", by: Replicas.cremona)
        let edited = Rows.update(theirs, ["legal_form": .text("coop")], by: Replicas.crema, counter: 2)
        try await fixture.app().test(.router) { client in
            let before = try await fixture.snapshot()
            let response = try await client.push(
                Rows.changeSet([own, edited], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(response.status == .forbidden)
            #expect(response.errorBody?.error.code == "forbidden")
            #expect(response.errorBody?.error.message.contains("partner/p2") == true)
            #expect(try await fixture.snapshot() == before, "the authorized first row was not written either")
        }
    }

    @Test func inflatingAnotherReplicasCounterIsForbidden() async throws {
        let fixture = try await Fixture()
        let original = Rows.partner("p1", name: "Iride", site: "cremona", by: Replicas.cremona)
        _ = try await fixture.store.push(
            Rows.changeSet([original], from: Replicas.cremona, site: "cremona"), from: Fixture.authenticated("cremona"))
        var edited = Rows.update(original, ["name": .text("Mine")], by: Replicas.crema, counter: 1)
        edited.clock[Replicas.cremona] = 99
        let inflated = edited
        try await fixture.app().test(.router) { client in
            let before = try await fixture.snapshot()
            let response = try await client.push(Rows.changeSet([inflated], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(response.status == .forbidden)
            #expect(try await fixture.snapshot() == before)
        }
    }

    @Test func aSiteCannotPushAnotherSitesHousehold() async throws {
        let fixture = try await Fixture()
        let cremonas = Rows.household("h1", site: "cremona", by: Replicas.crema)
        try await fixture.app().test(.router) { client in
            let response = try await client.push(Rows.changeSet([cremonas], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(response.status == .forbidden)
            #expect(response.errorBody?.error.message.contains("belongs to site cremona") == true)
        }
    }

    @Test func aSiteCannotTakeOverAHouseholdTheServerHoldsForAnotherSite() async throws {
        let fixture = try await Fixture()
        let household = Rows.household("h1", site: "cremona", by: Replicas.cremona)
        _ = try await fixture.store.push(
            Rows.changeSet([household], from: Replicas.cremona, site: "cremona"), from: Fixture.authenticated("cremona"))
        let takeover = Rows.update(household, ["site_id": .text("crema")], by: Replicas.crema, counter: 1)
        try await fixture.app().test(.router) { client in
            let response = try await client.push(Rows.changeSet([takeover], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(response.status == .forbidden)
            let message = response.errorBody?.error.message ?? ""
            #expect(message.contains("site crema may not write row household/h1"), "\(message)")
            #expect(!message.contains("cremona"), "the refusal never says whose the row is: \(message)")
        }
    }

    @Test func pushFromAReplicaOfAnotherSiteIsForbidden() async throws {
        let fixture = try await Fixture()
        let row = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        try await fixture.app().test(.router) { client in
            let foreignOrigin = try await client.push(Rows.changeSet([row], from: Replicas.crema, site: "crema"), token: fixture.tokens["cremona"])
            #expect(foreignOrigin.status == .forbidden)
            let unknownOrigin = try await client.push(
                Rows.changeSet([], from: ReplicaID("never-seen"), site: "crema"), token: fixture.tokens["crema"])
            #expect(unknownOrigin.status == .forbidden)
            #expect(unknownOrigin.errorBody?.error.message.contains("handshake") == true)
        }
    }

    @Test func pullForAReplicaOfAnotherSiteIsForbidden() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.pull(Replicas.crema, token: fixture.tokens["cremona"])
            #expect(response.status == .forbidden)
        }
    }

    @Test(arguments: [nil, "Bearer not-a-token", "Basic Y3JlbWE6eA==", "Bearer"])
    func missingOrWrongTokenIsUnauthorized(header: String?) async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            var headers: HTTPFields = [:]
            if let header { headers[.authorization] = header }
            for (uri, method) in [("/v1/status", HTTPRequest.Method.get), ("/v1/push", .post), ("/v1/pull?replica=crema-pc-1", .get)] {
                let response = try await client.execute(uri: uri, method: method, headers: headers)
                #expect(response.status == .unauthorized)
                #expect(response.errorBody?.error.code == "unauthorized")
                #expect(!response.text.contains("not-a-token"))
            }
        }
    }

    @Test func revokedTokenIsUnauthorized() async throws {
        let fixture = try await Fixture()
        #expect(try await fixture.store.revokeTokens(site: "crema") == 1)
        try await fixture.app().test(.router) { client in
            let revoked = try await client.status(token: fixture.tokens["crema"])
            #expect(revoked.status == .unauthorized)
            let other = try await client.status(token: fixture.tokens["cremona"])
            #expect(other.status == .ok)
        }
    }
}
