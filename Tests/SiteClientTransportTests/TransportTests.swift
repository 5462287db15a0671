import SiteClient
import Gzip
import Testing

/// The test server's URL for `path`.
func testURL(_ port: Int, _ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

@Suite struct CurlHTTPClientTests {
    @Test func aPostBodyArrivesIntactAndStatusHeadersAndBodyComeBack() async throws {
        try await withTestServer { port in
            let payload = randomBytes(count: 1000, seed: 11)
            let response = try await withClientOnOwnThread { client throws(TransportError) in
                try client.send(HTTPRequest(
                    method: "POST", url: testURL(port, "echo"),
                    headers: [(name: "X-Test", value: "hello"), (name: "Content-Type", value: "application/json")],
                    body: payload
                ))
            }
            #expect(response.status == 201)
            #expect(response.body == payload)
            #expect(response.headers["x-echo-length"] == "1000")
            #expect(response.headers["x-seen-test-header"] == "hello")
            #expect(response.headers["x-seen-content-type"] == "application/json")
            #expect(response.headers["x-seen-content-encoding"] == "none")
            #expect(response.headers["content-type"] == "application/octet-stream")
        }
    }

    @Test func aBodyWithoutContentTypeIsNotLabelledAsFormData() async throws {
        try await withTestServer { port in
            let response = try await withClientOnOwnThread { client throws(TransportError) in
                try client.send(HTTPRequest(method: "POST", url: testURL(port, "echo"), body: [1, 2, 3]))
            }
            #expect(response.headers["x-seen-content-type"] == "none")
        }
    }

    @Test func aBodyLargerThanOneMebibyteIsNotStalledByExpectContinue() async throws {
        try await withTestServer { port in
            let payload = randomBytes(count: 3 * 1024 * 1024, seed: 12)
            let options = TransportOptions(compressRequestBodiesOver: nil)
            let response = try await withClientOnOwnThread(options: options) { client throws(TransportError) in
                try client.send(HTTPRequest(method: "PUT", url: testURL(port, "echo"), body: payload))
            }
            #expect(response.status == 201)
            let intact = response.body == payload  // compared outside #expect: a failure would print 3 MiB
            #expect(intact)
        }
    }

    @Test func bodiesOverTheThresholdAreSentGzipped() async throws {
        try await withTestServer { port in
            let payload = patternBytes(count: 2 * 1024 * 1024)
            let response = try await withClientOnOwnThread { client throws(TransportError) in
                try client.send(HTTPRequest(method: "POST", url: testURL(port, "gunzip"), body: payload))
            }
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == "\(payload.count)")
        }
    }

    @Test func bodiesAtOrUnderTheThresholdAreSentPlain() async throws {
        try await withTestServer { port in
            let payload = patternBytes(count: 1024)
            let response = try await withClientOnOwnThread { client throws(TransportError) in
                try client.send(HTTPRequest(method: "POST", url: testURL(port, "echo"), body: payload))
            }
            #expect(response.headers["x-seen-content-encoding"] == "none")
            #expect(response.body == payload)
        }
    }

    @Test func aGzipResponseIsDecoded() async throws {
        try await withTestServer { port in
            let response = try await withClientOnOwnThread { client throws(TransportError) in
                try client.send(HTTPRequest(method: "GET", url: testURL(port, "gzipped/100000")))
            }
            #expect(response.status == 200)
            #expect(response.headers["content-encoding"] == "gzip")
            let decoded = response.body == patternBytes(count: 100_000)
            #expect(decoded)
        }
    }

    @Test func oneClientReusesItsConnectionAcrossRequests() async throws {
        try await withTestServer { port in
            let ports = try await withClientOnOwnThread { client throws(TransportError) in
                try (0..<3).map { _ throws(TransportError) in
                    try client.send(HTTPRequest(method: "POST", url: testURL(port, "echo"), body: [42])).headers["x-remote-port"]
                }
            }
            #expect(Set(ports).count == 1)
            #expect(ports.first != "none")
        }
    }

    @Test func aClosedPortIsReportedAsCouldNotConnect() async throws {
        let closed = try RefusingPort()
        let target = testURL(closed.port, "echo")
        let error = await #expect(throws: TransportError.self) {
            try await withClientOnOwnThread { client throws(TransportError) in
                try client.send(HTTPRequest(method: "POST", url: target, body: [1]))
            }
        }
        guard case .couldNotConnect(let reported, _) = error else {
            Issue.record("expected .couldNotConnect, got \(String(describing: error))")
            return
        }
        #expect(reported == target)
        let description = error?.description ?? ""
        #expect(description.hasPrefix("cannot reach \(target)"))
        #expect(description.contains("Connection refused"))
        #expect(description.contains("is the server running"))
        withExtendedLifetime(closed) {}  // the port stays bound (and refusing) until here
    }

    @Test(arguments: ["bytes/5000", "gzipped/5000"])
    func aResponseOverTheLimitIsRefused(path: String) async throws {
        try await withTestServer { port in
            let options = TransportOptions(maxResponseBytes: 1000)
            let error = await #expect(throws: TransportError.self) {
                try await withClientOnOwnThread(options: options) { client throws(TransportError) in
                    try client.send(HTTPRequest(method: "GET", url: testURL(port, path)))
                }
            }
            guard case .responseTooLarge(_, let limit) = error else {
                Issue.record("expected .responseTooLarge, got \(String(describing: error))")
                return
            }
            #expect(limit == 1000)
            #expect(error?.description.contains("maxResponseBytes") == true)
        }
    }

    @Test func aGetWithABodyIsRefusedBeforeSending() throws {
        let client = try CurlHTTPClient()
        #expect(throws: TransportError.self) {
            try client.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:1/", body: [1]))
        }
    }

    @Test func errorDescriptionsHideCredentialsInTheURL() async throws {
        let closed = try RefusingPort()
        let target = "http://user:secret@127.0.0.1:\(closed.port)/"
        let error = await #expect(throws: TransportError.self) {
            try await withClientOnOwnThread { client throws(TransportError) in
                try client.send(HTTPRequest(method: "GET", url: target))
            }
        }
        #expect(error?.description.contains("secret") == false)
        #expect(error?.description.contains("***@127.0.0.1") == true)
        withExtendedLifetime(closed) {}
    }
}
