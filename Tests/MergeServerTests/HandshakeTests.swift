import SyncCore
import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import Testing

@Suite struct HandshakeTests {
    @Test func healthNeedsNoToken() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/health", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ok"}"#)
        }
    }

    @Test func handshakeRegistersTheReplicaToTheTokensSite() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.handshake("crema-tablet-2", token: fixture.tokens["crema"])
            #expect(response.status == .ok)
            let reply = try response.decoded(HandshakeReply.self)
            #expect(reply.site == "crema" && reply.central == false)
            #expect(await reply.epoch == fixture.store.epoch)
            #expect(reply.protocolVersion == 1 && reply.schemaVersion == 1)
            let again = try await client.handshake("crema-tablet-2", token: fixture.tokens["crema"])
            #expect(again.status == .ok)
        }
        let status = try await fixture.store.status(for: Fixture.authenticated("crema"))
        #expect(status.sites.map(\.site) == ["crema"])
        #expect(status.sites[0].replicas.map(\.replica) == ["crema-pc-1", "crema-tablet-2"])
    }

    @Test func handshakeRefusesAReplicaRegisteredToAnotherSite() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.handshake("crema-pc-1", token: fixture.tokens["cremona"])
            #expect(response.status == .forbidden)
            #expect(response.errorBody?.error.code == "forbidden")
            #expect(response.errorBody?.error.message.contains("registered to site crema") == true)
        }
    }

    @Test(arguments: [
        (2, 1, "protocol_version", "upgrade the server"), (0, 1, "protocol_version", "upgrade the client"),
        (1, 2, "schema_version", "publish that catalog version"), (1, 0, "schema_version", "farelegami connect"),
    ])
    func handshakeWithAnotherVersionSaysWhichSideMustUpgrade(
        protocolVersion: Int, schemaVersion: Int, code: String, advice: String
    ) async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.handshake(
                "crema-new", token: fixture.tokens["crema"], protocolVersion: protocolVersion, schemaVersion: schemaVersion)
            #expect(response.status == .conflict)
            #expect(response.errorBody?.error.code == code)
            #expect(response.errorBody?.error.message.contains(advice) == true)
        }
        let status = try await fixture.store.status(for: Fixture.authenticated("crema"))
        #expect(status.sites[0].replicas.map(\.replica) == ["crema-pc-1"])
    }

    @Test func centralStatusListsEverySiteAndASiteOnlyItself() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let central = try await client.status(token: fixture.tokens["hq"]).decoded(StatusReport.self)
            #expect(central.sites.map(\.site) == ["crema", "cremona", "hq"])
            #expect(central.central)
            let crema = try await client.status(token: fixture.tokens["crema"]).decoded(StatusReport.self)
            #expect(crema.sites.map(\.site) == ["crema"])
            #expect(crema.sites[0].replicas[0].lastPush == nil)
        }
    }
}
