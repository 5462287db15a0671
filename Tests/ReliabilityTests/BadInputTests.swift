import Foundation
import ProcessHarness
import Testing

/// Hostile bodies through the real server: it refuses them and keeps serving.
@Suite(.serialized) struct BadInputTests {
    @Test(arguments: [64, 10_000, 100_000])
    func aDeeplyNestedPushIsRefusedAndTheServerKeepsServing(depth: Int) throws {
        let fixture = try SyncFixture(sites: ["crema"])
        defer { fixture.close() }
        let server = fixture.server
        let http = RawHTTP(baseURL: server.url)
        let token = try server.token("crema")
        let hello = try http.send(
            "POST", "/v1/handshake", token: token, body: #"{"protocolVersion":1,"schemaVersion":1,"replica":"r1"}"#)
        #expect(hello.status == 200)
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        for body in [
            #"{"format":"farelegami-changeset","protocolVersion":1,"schemaVersion":1,"origin":"r1","site":"crema","#
                + #""since":0,"through":0,"x":\#(nested),"rows":[]}"#,
            #"{"format":"farelegami-changeset","protocolVersion":1,"schemaVersion":1,"origin":"r1","site":"crema","#
                + #""since":0,"through":0,"rows":[{"table":"partner","id":"p","extra":\#(nested)}]}"#,
        ] {
            let answer = try? http.send("POST", "/v1/push", token: token, body: body)
            #expect(answer.map { $0.status < 500 } ?? false, "depth \(depth): no answer or a 5xx")
            #expect(try http.send("GET", "/health", token: nil).status == 200, "depth \(depth): the server died")
        }
    }
}
