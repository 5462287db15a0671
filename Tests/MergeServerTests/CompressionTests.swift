import Foundation
import Gzip
import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing
import SyncWire

@Suite struct CompressionTests {
    static let partners = (0..<25).map {
        Rows.partner("p\($0)", name: "Partner \($0)", site: "crema", by: Replicas.crema, counter: UInt64($0 + 1))
    }

    @Test func aGzipPushIsDecompressedBeforeDecoding() async throws {
        let fixture = try await Fixture()
        let body = Gzip.compress(ChangeSetCodec.encode(Rows.changeSet(Self.partners, from: Replicas.crema, site: "crema")))
        try await fixture.app().test(.router) { client in
            let response = try await client.push(bytes: body, token: fixture.tokens["crema"], headers: [.contentEncoding: "gzip"])
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decoded(PushReceipt.self).changed == 25)
        }
    }

    @Test func aLargeResponseIsGzippedWhenTheClientAcceptsIt() async throws {
        let fixture = try await Fixture()
        _ = try await fixture.store.push(
            Rows.changeSet(Self.partners, from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        try await fixture.app().test(.router) { client in
            let zipped = try await client.pull(Replicas.cremona, token: fixture.tokens["cremona"], headers: [.acceptEncoding: "br, gzip;q=0.8"])
            #expect(zipped.status == .ok)
            #expect(zipped.headers[.contentEncoding] == "gzip")
            let bytes = try Gzip.decompress(Array(zipped.body.readableBytesView), limit: 1 << 20)
            let page = try JSONDecoder().decode(PullPage.self, from: Data(bytes))
            #expect(page.rows.count == 25)

            let plain = try await client.pull(Replicas.cremona, token: fixture.tokens["cremona"])
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(try plain.decoded(PullPage.self) == page)

            let refused = try await client.pull(Replicas.cremona, token: fixture.tokens["cremona"], headers: [.acceptEncoding: "gzip;q=0"])
            #expect(refused.headers[.contentEncoding] == nil)
        }
    }

    @Test func aSmallResponseIsSentPlain() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.execute(uri: "/health", method: .get, headers: [.acceptEncoding: "gzip"])
            #expect(response.headers[.contentEncoding] == nil)
            #expect(response.text == #"{"status":"ok"}"#)
        }
    }

    @Test func aGzipBodyThatExpandsPastTheLimitIsRefusedWith413() async throws {
        let fixture = try await Fixture(maxBodyBytes: 64 * 1_024)
        let bomb = Gzip.compress([UInt8](repeating: UInt8(ascii: " "), count: 4 * 1_024 * 1_024))
        #expect(bomb.count < 64 * 1_024)
        try await fixture.app().test(.router) { client in
            let before = try await fixture.snapshot()
            let response = try await client.push(bytes: bomb, token: fixture.tokens["crema"], headers: [.contentEncoding: "gzip"])
            #expect(response.status == .contentTooLarge)
            #expect(response.errorBody?.error.code == "body_too_large")
            #expect(try await fixture.snapshot() == before)
        }
    }

    @Test func aBodyThatIsNotGzipIsRefusedWith400() async throws {
        let fixture = try await Fixture()
        let compressed = Gzip.compress(ChangeSetCodec.encode(Rows.changeSet(Self.partners, from: Replicas.crema, site: "crema")))
        try await fixture.app().test(.router) { client in
            let notGzip = try await client.push(bytes: Array("{}".utf8), token: fixture.tokens["crema"], headers: [.contentEncoding: "gzip"])
            #expect(notGzip.status == .badRequest)
            #expect(notGzip.errorBody?.error.code == "malformed_request")
            let cut = try await client.push(
                bytes: Array(compressed.prefix(compressed.count / 2)), token: fixture.tokens["crema"], headers: [.contentEncoding: "gzip"])
            #expect(cut.status == .badRequest)
        }
    }

    @Test func anUnsupportedContentEncodingIsRefusedWith415() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.push(bytes: Array("{}".utf8), token: fixture.tokens["crema"], headers: [.contentEncoding: "br"])
            #expect(response.status == .unsupportedMediaType)
            #expect(response.errorBody?.error.code == "unsupported_encoding")
        }
    }

    @Test func gzipWorksBothWaysOnARealSocket() async throws {
        let fixture = try await Fixture()
        let body = Gzip.compress(ChangeSetCodec.encode(Rows.changeSet(Self.partners, from: Replicas.crema, site: "crema")))
        try await fixture.app().test(.live) { client in
            let pushed = try await client.push(bytes: body, token: fixture.tokens["crema"], headers: [.contentEncoding: "gzip"])
            #expect(pushed.status == .ok)
            let pulled = try await client.pull(Replicas.hq, token: fixture.tokens["hq"], headers: [.acceptEncoding: "gzip"])
            #expect(pulled.headers[.contentEncoding] == "gzip")
            let page = try JSONDecoder().decode(
                PullPage.self, from: Data(try Gzip.decompress(Array(pulled.body.readableBytesView), limit: 1 << 20)))
            #expect(page.rows.count == 25)
        }
    }
}
