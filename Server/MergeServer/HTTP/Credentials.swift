import Foundation

/// The token a request presents in its `Authorization` header.
enum Credentials {
    /// The token of an `Authorization` value: `Bearer <token>`, or HTTP Basic auth's password
    /// (`Basic base64(user:token)`, any user name), so a browser's sign-in prompt works too.
    /// Nil when the header has neither form or the token is empty.
    static func token(fromAuthorization header: String) -> String? {
        guard let (scheme, value) = schemeAndValue(of: header) else { return nil }
        switch scheme {
        case "bearer":
            return value.isEmpty ? nil : value
        case "basic":
            guard let decoded = Data(base64Encoded: value).map({ String(decoding: $0, as: UTF8.self) }),
                let colon = decoded.firstIndex(of: ":")
            else { return nil }
            let password = String(decoded[decoded.index(after: colon)...])
            return password.isEmpty ? nil : password
        default:
            return nil
        }
    }

    /// The token of a `Bearer <token>` value; nil for any other form or an empty token.
    static func bearerToken(fromAuthorization header: String) -> String? {
        guard let (scheme, value) = schemeAndValue(of: header), scheme == "bearer", !value.isEmpty else { return nil }
        return value
    }

    /// The scheme (lower-cased) and the value of an `Authorization` header, trimmed.
    private static func schemeAndValue(of header: String) -> (scheme: String, value: String)? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        return (parts[0].lowercased(), parts[1].trimmingCharacters(in: .whitespaces))
    }
}
