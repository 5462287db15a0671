import SyncCore
import Hummingbird

extension ServerError: HTTPResponseError {
    /// The HTTP status the error is answered with.
    public var status: HTTPResponse.Status {
        switch self {
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .badRequest, .catalogRefused: .badRequest
        case .versionMismatch, .replicaForked: .conflict
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedEncoding: .unsupportedMediaType
        case .notFound, .unknownReplica: .notFound
        case .database, .storeDatabase: .serviceUnavailable
        case .badStoreAddress, .noStore, .notAStore, .invalidSite, .centralMismatch, .corruptState, .internalError: .internalServerError
        }
    }

    /// The stable machine-readable code of the error body.
    public var code: String {
        switch self {
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        case .badRequest(let code, _), .versionMismatch(let code, _): code
        case .catalogRefused: "catalog_refused"
        case .bodyTooLarge: "body_too_large"
        case .unsupportedEncoding: "unsupported_encoding"
        case .notFound: "not_found"
        case .unknownReplica: "unknown_replica"
        case .database, .storeDatabase: "store_unavailable"
        case .corruptState: "store_corrupt"
        case .replicaForked: "replica_forked"
        case .badStoreAddress, .noStore, .notAStore, .invalidSite, .centralMismatch, .internalError: "internal_error"
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The error as a JSON response.
    func response() -> Response {
        var response = Self.reply(status: status, code: code, message: description)
        switch self {
        case .unauthorized: response.headers[.wwwAuthenticate] = "Bearer"
        case .database, .storeDatabase: response.headers[.retryAfter] = "5"
        default: break
        }
        return response
    }

    /// A JSON error response with `status`, `code` and `message`.
    static func reply(status: HTTPResponse.Status, code: String, message: String) -> Response {
        JSONReply.response(ErrorBody(code: code, message: message), status: status, acceptsGzip: false)
    }
}
