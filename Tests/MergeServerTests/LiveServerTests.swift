import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

/// The same API over a real socket.
@Suite struct LiveServerTests {
    @Test func aSiteSyncsWithTheServerOverARealSocket() async throws {
        let fixture = try await Fixture()
        let row = Rows.partner("p1", name: "Iride", site: "crema", by: Replicas.crema)
        try await fixture.app().test(.live) { client in
            #expect(client.port != nil)
            let hello = try await client.handshake("crema-laptop", token: fixture.tokens["crema"])
            #expect(hello.status == .ok)
            let pushed = try await client.push(Rows.changeSet([row], from: Replicas.crema, site: "crema"), token: fixture.tokens["crema"])
            #expect(try pushed.decoded(PushReceipt.self).changed == 1)
            let page = try await client.pull(ReplicaID("crema-laptop"), token: fixture.tokens["crema"]).decoded(PullPage.self)
            #expect(page.rows == [row])
            let unauthorized = try await client.status(token: "wrong")
            #expect(unauthorized.status == .unauthorized)
        }
    }

    @Test func aBodyOverTheLimitIsRefusedOnARealSocket() async throws {
        let fixture = try await Fixture(maxBodyBytes: 4_096)
        try await fixture.app().test(.live) { client in
            let big = [UInt8](repeating: UInt8(ascii: " "), count: 100_000)
            let response = try await client.push(bytes: big, token: fixture.tokens["crema"])
            #expect(response.status == .contentTooLarge)
            #expect(response.errorBody?.error.code == "body_too_large")
            let after = try await client.status(token: fixture.tokens["crema"])
            #expect(after.status == .ok, "the connection still serves requests")
        }
    }
}
