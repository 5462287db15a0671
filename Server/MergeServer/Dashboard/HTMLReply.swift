import Gzip
import Hummingbird

/// HTML response bodies of the browser pages: never cached, no script or external resource allowed
/// (a strict Content-Security-Policy), gzip-compressed when the client accepts it.
enum HTMLReply {
    /// `html` as a response with `status`.
    static func response(_ html: String, status: HTTPResponse.Status = .ok, acceptsGzip: Bool = false) -> Response {
        var bytes = Array(html.utf8)
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
        ]
        if acceptsGzip && bytes.count > JSONReply.compressionThreshold {
            bytes = Gzip.compress(bytes)
            headers[.contentEncoding] = "gzip"
        }
        headers[.vary] = "Accept-Encoding"
        headers[.contentLength] = String(bytes.count)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A short page saying why a request was refused.
    static func notice(status: HTTPResponse.Status, title: String, message: String) -> Response {
        response(DashboardTemplate.notice.render(DashboardTemplate.Notice(title: title, message: message)), status: status)
    }
}
