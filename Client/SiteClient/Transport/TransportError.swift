/// Why an HTTP exchange failed. Descriptions never include request headers (they carry tokens).
public enum TransportError: Error, CustomStringConvertible {
    /// The host could not be resolved or refused the connection.
    case couldNotConnect(url: String, detail: String)
    /// Connecting took longer than the connect timeout, or the transfer stalled below the low-speed limit.
    case timedOut(url: String, detail: String)
    /// The TLS handshake failed or the server's certificate was not trusted.
    case tlsFailure(url: String, detail: String)
    /// The response body was larger than ``TransportOptions/maxResponseBytes``.
    case responseTooLarge(url: String, limit: Int)
    /// Any other libcurl failure; `code` is the `CURLcode`.
    case failed(url: String, code: Int, detail: String)

    /// One line saying what failed and what to check.
    public var description: String {
        switch self {
        case .couldNotConnect(let url, let detail):
            return "cannot reach \(url) (\(detail)): is the server running and the URL right?"
        case .timedOut(let url, let detail):
            return "\(url) did not answer in time (\(detail)): check the network, or raise the timeouts for a slow server"
        case .tlsFailure(let url, let detail):
            return "TLS with \(url) failed (\(detail)): check the server's certificate, "
                + "or trust its CA with 'farelegami connect --cacert FILE'"
        case .responseTooLarge(let url, let limit):
            return "the response from \(url) is larger than \(limit) bytes: "
                + "raise maxResponseBytes or ask for smaller batches"
        case .failed(let url, let code, let detail):
            let target = url.isEmpty ? "libcurl" : "request to \(url)"
            return "\(target) failed (curl error \(code): \(detail))"
        }
    }
}
