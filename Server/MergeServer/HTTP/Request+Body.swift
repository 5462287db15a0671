import SyncCore
import Foundation
import Gzip
import Hummingbird

extension Request {
    /// The whole request body, decompressed when sent with `Content-Encoding: gzip`.
    ///
    /// At most `limit` bytes are read, and a compressed body may expand to at most `limit` bytes
    /// (a zip-bomb guard); a `Content-Length` over the limit is refused before anything is read.
    ///
    /// - Throws: `ServerError.bodyTooLarge`, `.unsupportedEncoding` for codings other than gzip,
    ///   `.badRequest` for a body that is not valid gzip or that could not be read.
    func syncBody(limit: Int) async throws(ServerError) -> [UInt8] {
        let encoding = (headers[.contentEncoding] ?? "identity").trimmingCharacters(in: .whitespaces).lowercased()
        guard ["identity", "gzip", "x-gzip"].contains(encoding) else { throw .unsupportedEncoding(encoding) }
        if let length = headers[.contentLength].flatMap(Int.init), length > limit {
            throw .bodyTooLarge(limit: limit)
        }
        var bytes: [UInt8] = []
        do {
            for try await chunk in body {
                guard bytes.count + chunk.readableBytes <= limit else { throw ServerError.bodyTooLarge(limit: limit) }
                bytes.append(contentsOf: chunk.readableBytesView)
            }
        } catch let error as ServerError {
            throw error
        } catch {
            throw .badRequest(code: "malformed_request", message: "the request body could not be read: \(error)")
        }
        guard encoding != "identity" else { return bytes }
        do {
            return try Gzip.decompress(bytes, limit: limit)
        } catch {
            switch error.reason {
            case .tooLarge: throw .bodyTooLarge(limit: limit)
            case .outOfMemory: throw .internalError("decompressing the body failed: \(error)")
            case .corrupt, .truncated: throw .badRequest(code: "malformed_request", message: "the request body: \(error)")
            }
        }
    }
}
