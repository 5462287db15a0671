import CCurl
import Gzip

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libcurl easy handle reused for every request of a sync, so the connection stays alive
/// between requests.
///
/// Not `Sendable`: a libcurl handle must not be used from two threads at once, so a client has
/// one owner. ``send(_:)`` blocks its thread for the whole exchange; call it from a thread of
/// your own rather than from Swift concurrency's small cooperative pool.
///
/// ```swift
/// let client = try CurlHTTPClient()
/// let response = try client.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:8080/health"))
/// ```
public final class CurlHTTPClient {
    /// The libcurl easy handle (`CURL *`), owned by this object.
    let handle: UnsafeMutableRawPointer
    /// The options applied to every request.
    let options: TransportOptions
    /// `CURLOPT_ERRORBUFFER`: libcurl writes its detailed message for a failure here.
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates a client with its own libcurl handle.
    ///
    /// - Throws: ``TransportError/failed(url:code:detail:)`` when libcurl cannot start
    ///   (its global setup failed, or it is out of memory).
    public init(options: TransportOptions = .init()) throws(TransportError) {
        let global = CurlGlobal.initResult
        guard global == CURLE_OK.rawValue else {
            throw .failed(url: "", code: Int(global), detail: "curl_global_init: \(curlMessage(CURLcode(global)))")
        }
        guard let handle = curl_easy_init() else {
            throw .failed(url: "", code: Int(CURLE_FAILED_INIT.rawValue), detail: "curl_easy_init returned no handle")
        }
        self.handle = handle
        self.options = options
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Sends `request` and waits for the complete response.
    ///
    /// Any status, including 4xx and 5xx, is a response, not an error. Bodies larger than
    /// ``TransportOptions/compressRequestBodiesOver`` are gzip-compressed; gzip or deflate
    /// responses are decoded.
    ///
    /// - Throws: ``TransportError``: `.couldNotConnect`, `.timedOut`, `.tlsFailure`,
    ///   `.responseTooLarge`, or `.failed` for anything else (including a body on `GET`/`HEAD`).
    public func send(_ request: HTTPRequest) throws(TransportError) -> HTTPResponse {
        let method = request.method.uppercased()
        let sendsBody = method != "GET" && method != "HEAD"
        if !sendsBody, !request.body.isEmpty {
            throw .failed(
                url: redactingCredentials(request.url), code: Int(CURLE_BAD_FUNCTION_ARGUMENT.rawValue),
                detail: "a \(method) request cannot carry a body; send it with POST or PUT"
            )
        }

        var body = request.body
        var rawLines: [String] = []
        if !request.hasHeader("expect") { rawLines.append("Expect:") }  // no 100-continue stall
        if sendsBody, !request.hasHeader("content-type") { rawLines.append("Content-Type:") }  // not form data
        if let threshold = options.compressRequestBodiesOver, sendsBody, body.count > threshold,
            !request.hasHeader("content-encoding")
        {
            body = Gzip.compress(body, level: 1)  // fastest: 2.5× the default level's speed for ~35 % more bytes on pull pages
            rawLines.append("Content-Encoding: gzip")
        }
        let headerList = HeaderList(fields: request.headers, rawLines: rawLines)
        let collector = ResponseCollector(limit: options.maxResponseBytes)

        curl_easy_reset(handle)  // keeps the connection, DNS and TLS session caches
        errorBuffer[0] = 0
        try configure(request, method: method, headers: headerList, collector: collector)
        let code = withExtendedLifetime((headerList, collector)) {
            perform(body: sendsBody ? body : nil)
        }
        guard code == CURLE_OK else {
            throw TransportError(code: code, url: request.url, detail: failureDetail(code), collector: collector)
        }

        var status = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: collector.headers, body: collector.body)
    }

    /// Points libcurl at `body` (when given) for the duration of the transfer and runs it.
    private func perform(body: [UInt8]?) -> CURLcode {
        guard let body else { return curl_easy_perform(handle) }
        // A one-byte stand-in gives an empty body a real address; the size set says 0 bytes.
        let storage = body.isEmpty ? [0] : body
        return storage.withUnsafeBufferPointer { buffer in
            var code = ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            if code == CURLE_OK {
                code = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
            }
            if code == CURLE_OK { code = curl_easy_perform(handle) }
            // The buffer dies with this closure: leave libcurl no pointer to it.
            _ = ccurl_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil)
            return code
        }
    }

    /// The most useful explanation of the last failure: the system's reason for a refused
    /// connection ("Connection refused"), else libcurl's detailed message, else its generic text.
    private func failureDetail(_ code: CURLcode) -> String {
        var osError = 0
        if code == CURLE_COULDNT_CONNECT, ccurl_getinfo_long(handle, CURLINFO_OS_ERRNO, &osError) == CURLE_OK,
            osError != 0, let reason = strerror(Int32(osError))
        {
            return String(cString: reason)
        }
        let detailed = String(cString: errorBuffer)
        return detailed.isEmpty ? curlMessage(code) : detailed
    }
}

/// Swift 6 infers no `Sendable` for a class, but say so explicitly: one owner per handle.
@available(*, unavailable)
extension CurlHTTPClient: Sendable {}

/// libcurl's generic text for `code`.
func curlMessage(_ code: CURLcode) -> String {
    String(cString: curl_easy_strerror(code))
}
