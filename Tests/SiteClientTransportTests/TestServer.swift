import Gzip
import Hummingbird

/// What the test routes can see of their connection: the client's port, to prove keep-alive.
struct TestRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The peer's TCP port, the same for every request on one kept-alive connection.
    let remotePort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remotePort = source.channel.remoteAddress?.port
    }
}

/// A header name from a string (HTTPTypes' `HTTPField` is reachable as `HTTPFields.Element`).
func fieldName(_ name: String) -> HTTPFields.Element.Name { HTTPFields.Element.Name(name)! }

/// The most request-body bytes a test route collects.
let routeBodyLimit = 64 * 1024 * 1024

/// The routes the transport tests talk to.
func makeTestRouter() -> Router<TestRequestContext> {
    let router = Router(context: TestRequestContext.self)
    // Echoes the body with status 201 and reports what the request looked like in headers.
    let echo: @Sendable (Request, TestRequestContext) async throws -> Response = { request, context in
        var request = request
        let body = try await request.collectBody(upTo: routeBodyLimit)
        var headers: HTTPFields = [.contentType: "application/octet-stream"]
        headers[fieldName("x-echo-length")] = "\(body.readableBytes)"
        headers[fieldName("x-seen-test-header")] = request.headers[fieldName("x-test")] ?? "none"
        headers[fieldName("x-seen-content-encoding")] = request.headers[.contentEncoding] ?? "none"
        headers[fieldName("x-seen-content-type")] = request.headers[.contentType] ?? "none"
        headers[fieldName("x-remote-port")] = context.remotePort.map { "\($0)" } ?? "none"
        return Response(status: .created, headers: headers, body: .init(byteBuffer: body))
    }
    router.post("echo", use: echo)
    router.put("echo", use: echo)
    // Gunzips a `Content-Encoding: gzip` body and answers its decompressed length.
    router.post("gunzip") { request, _ -> Response in
        var request = request
        guard request.headers[.contentEncoding] == "gzip" else { return Response(status: .badRequest) }
        let body = try await request.collectBody(upTo: routeBodyLimit)
        let plain = try Gzip.decompress(Array(buffer: body), limit: routeBodyLimit)
        return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "\(plain.count)")))
    }
    // Answers `count` bytes of a repeating pattern, gzip-encoded.
    router.get("gzipped/:count") { _, context -> Response in
        let count = try context.parameters.require("count", as: Int.self)
        let packed = Gzip.compress(patternBytes(count: count))
        return Response(status: .ok, headers: [.contentEncoding: "gzip"], body: .init(byteBuffer: ByteBuffer(bytes: packed)))
    }
    // Answers `count` bytes of a repeating pattern, unencoded.
    router.get("bytes/:count") { _, context -> Response in
        let count = try context.parameters.require("count", as: Int.self)
        return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(bytes: patternBytes(count: count))))
    }
    return router
}

/// `count` bytes cycling through 0...250.
func patternBytes(count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 % 251) }
}

/// The test server stopped before it reported its port.
struct ServerDidNotStart: Error {}

/// Runs a Hummingbird server on a free loopback port for the duration of `body`, then stops it.
func withTestServer(_ body: (_ port: Int) async throws -> Void) async throws {
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    var configured = Application(
        router: makeTestRouter(),
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portSink.yield(channel.localAddress?.port ?? 0)
            portSink.finish()
        }
    )
    configured.logger.logLevel = .critical  // cancelling the server below logs an expected error
    let app = configured
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { portSink.finish() }  // a server that fails to start must not leave us waiting
            try await app.run()
        }
        var portIterator = ports.makeAsyncIterator()
        guard let port = await portIterator.next(), port != 0 else {
            try await group.waitForAll()  // surfaces the start-up error, if the server threw one
            throw ServerDidNotStart()
        }
        do {
            try await body(port)
        } catch {
            group.cancelAll()
            throw error
        }
        group.cancelAll()
    }
}
