import SyncCore
import Hummingbird
import Logging

/// Turns every error a route or middleware throws into a JSON error response
/// (`{"error":{"code":…,"message":…}}`), so no request ends without a body that says what to do.
/// Server-side failures (5xx) are logged.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let failure: ServerError
        do {
            return try await next(request, context)
        } catch let serverError as ServerError {
            failure = serverError
        } catch let httpError as HTTPError where httpError.status == .notFound {
            failure = .notFound(method: request.method.rawValue, path: request.uri.path)
        } catch let httpError as HTTPError where httpError.status.code < 500 {
            return ServerError.reply(
                status: httpError.status, code: Self.code(for: httpError.status),
                message: httpError.body ?? httpError.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            failure = .internalError("the server failed to answer; the server log has the details")
        }
        if failure.status.code >= 500 {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(failure)"])
        }
        return failure.response()
    }

    private static func code(for status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
    }
}
