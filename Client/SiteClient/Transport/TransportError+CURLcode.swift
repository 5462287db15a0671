import CCurl

extension TransportError {
    /// Classifies a failed transfer; `detail` is libcurl's message, `collector` tells a refused
    /// oversized body apart from other write failures.
    init(code: CURLcode, url rawURL: String, detail: String, collector: ResponseCollector) {
        let url = redactingCredentials(rawURL)
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            self = .couldNotConnect(url: url, detail: detail)
        case CURLE_OPERATION_TIMEDOUT:
            self = .timedOut(url: url, detail: detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
            CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED:
            self = .tlsFailure(url: url, detail: detail)
        case CURLE_FILESIZE_EXCEEDED:
            self = .responseTooLarge(url: url, limit: collector.limit)
        case CURLE_WRITE_ERROR where collector.exceededLimit:
            self = .responseTooLarge(url: url, limit: collector.limit)
        default:
            self = .failed(url: url, code: Int(code.rawValue), detail: detail)
        }
    }
}

/// `url` without a `user:password@` part, so errors can be logged safely.
func redactingCredentials(_ url: String) -> String {
    let characters = Array(url)
    guard let colon = characters.firstIndex(of: ":"), characters[colon...].starts(with: "://") else { return url }
    let authorityStart = colon + 3
    let rest = characters[authorityStart...]
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? characters.endIndex
    guard let at = characters[authorityStart..<authorityEnd].lastIndex(of: "@") else { return url }
    return String(characters[..<authorityStart]) + "***" + String(characters[at...])
}
