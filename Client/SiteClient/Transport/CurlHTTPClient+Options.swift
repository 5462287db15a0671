import CCurl

extension CurlHTTPClient {
    /// Applies the client's options and everything but the body of `request` to the (reset) handle.
    func configure(
        _ request: HTTPRequest,
        method: String,
        headers: HeaderList,
        collector: ResponseCollector
    ) throws(TransportError) {
        let url = request.url
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer), url: url)
        try set(CURLOPT_URL, string: url, url: url)
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https", url: url)
        try set(CURLOPT_NOSIGNAL, long: 1, url: url)
        try set(CURLOPT_CONNECTTIMEOUT, long: options.connectTimeoutSeconds, url: url)
        try set(CURLOPT_LOW_SPEED_LIMIT, long: options.lowSpeedLimitBytesPerSecond, url: url)
        try set(CURLOPT_LOW_SPEED_TIME, long: options.lowSpeedTimeSeconds, url: url)
        try set(CURLOPT_USERAGENT, string: options.userAgent, url: url)
        try set(CURLOPT_ACCEPT_ENCODING, string: "", url: url)  // every encoding libcurl decodes
        try set(CURLOPT_SSL_VERIFYPEER, long: options.verifyTLS ? 1 : 0, url: url)
        try set(CURLOPT_SSL_VERIFYHOST, long: options.verifyTLS ? 2 : 0, url: url)
        if let path = options.caCertificatePath {
            try set(CURLOPT_CAINFO, string: path, url: url)
        }
        // Refuses early when Content-Length already says too much; the write callback catches the rest.
        let code = ccurl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxResponseBytes))
        try check(code, option: CURLOPT_MAXFILESIZE_LARGE, url: url)

        switch method {
        case "GET": try set(CURLOPT_HTTPGET, long: 1, url: url)
        case "HEAD": try set(CURLOPT_NOBODY, long: 1, url: url)
        default: try set(CURLOPT_CUSTOMREQUEST, string: request.method, url: url)
        }
        try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers.head), option: CURLOPT_HTTPHEADER, url: url)

        try set(CURLOPT_WRITEDATA, pointer: collector.opaque, url: url)
        let writeCode = ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, owner in
            ResponseCollector.from(owner)?.receiveBody(data, length: size * count) ?? 0
        }
        try check(writeCode, option: CURLOPT_WRITEFUNCTION, url: url)
        try set(CURLOPT_HEADERDATA, pointer: collector.opaque, url: url)
        let headerCode = ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, owner in
            ResponseCollector.from(owner)?.receiveHeader(data, length: size * count) ?? 0
        }
        try check(headerCode, option: CURLOPT_HEADERFUNCTION, url: url)
    }

    private func set(_ option: CURLoption, long value: Int, url: String) throws(TransportError) {
        try check(ccurl_setopt_long(handle, option, value), option: option, url: url)
    }

    private func set(_ option: CURLoption, string value: String, url: String) throws(TransportError) {
        try check(ccurl_setopt_string(handle, option, value), option: option, url: url)
    }

    private func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?, url: String) throws(TransportError) {
        try check(ccurl_setopt_pointer(handle, option, value), option: option, url: url)
    }

    /// Turns a failed `curl_easy_setopt` into ``TransportError/failed(url:code:detail:)``.
    private func check(_ code: CURLcode, option: CURLoption, url: String) throws(TransportError) {
        guard code != CURLE_OK else { return }
        throw .failed(
            url: redactingCredentials(url), code: Int(code.rawValue),
            detail: "libcurl refused option \(option.rawValue): \(curlMessage(code))"
        )
    }
}
