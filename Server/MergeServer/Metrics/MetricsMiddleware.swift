import Hummingbird

/// Counts every answered request by route pattern and status in `ServerMetrics`. Added first, so it
/// sees the final status of every request, errors rendered by `ErrorMiddleware` included.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
            metrics.countRequest(route: context.endpointPath ?? "NotFound", status: Int(response.status.code))
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.countRequest(route: context.endpointPath ?? "NotFound", status: Int(status))
            throw error
        }
    }
}
