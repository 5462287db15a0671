import SyncCore
import Foundation
import Gzip
import Hummingbird
import SyncWire

/// JSON response bodies, gzip-compressed when the client accepts it and the body is worth it.
enum JSONReply {
    /// Bodies up to this size are sent plain even to clients that accept gzip.
    static let compressionThreshold = 1_024

    /// `value` as a JSON response with `status`; compressed when `request` accepts gzip and the body
    /// exceeds `compressionThreshold` bytes.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, for request: Request) -> Response {
        response(value, status: status, acceptsGzip: acceptsGzip(request))
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status, acceptsGzip: Bool) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes: [UInt8]
        do {
            bytes = Array(try encoder.encode(value))
        } catch {
            // Encoding plain value types does not fail; answer with a JSON error rather than crash.
            bytes = Array(#"{"error":{"code":"internal_error","message":"the response could not be encoded"}}"#.utf8)
        }
        return response(json: bytes, status: status, acceptsGzip: acceptsGzip)
    }

    /// An already encoded JSON body as a response (pull pages are encoded by SyncCore's `WireJSON`).
    static func response(json: [UInt8], status: HTTPResponse.Status = .ok, for request: Request) -> Response {
        response(json: json, status: status, acceptsGzip: acceptsGzip(request))
    }

    static func response(json: [UInt8], status: HTTPResponse.Status, acceptsGzip: Bool) -> Response {
        var bytes = json
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if acceptsGzip && bytes.count > compressionThreshold {
            bytes = Gzip.compress(bytes, level: 1)  // fastest: 2.5× the default level's speed for ~35 % more bytes on pull pages
            headers[.contentEncoding] = "gzip"
        }
        headers[.vary] = "Accept-Encoding"
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Whether the request's `Accept-Encoding` lists gzip (or `*`) with a non-zero quality.
    static func acceptsGzip(_ request: Request) -> Bool {
        let values = request.headers[values: .acceptEncoding].flatMap { $0.split(separator: ",") }
        return values.contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "x-gzip" || coding == "*" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) }
            return (quality ?? 1) > 0
        }
    }
}
