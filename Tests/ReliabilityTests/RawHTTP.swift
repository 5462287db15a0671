import Foundation
import ProcessHarness
import SiteClient

/// Hand-made requests to the server, for what the `farelegami` binary never sends.
struct RawHTTP {
    let baseURL: String
    var options = TransportOptions()

    /// Sends `method path` with `token` (if any) and `body`.
    func send(_ method: String, _ path: String, token: String?, body: String = "") throws -> HTTPResponse {
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if !body.isEmpty { headers.append(("Content-Type", "application/json")) }
        let client = try CurlHTTPClient(options: options)
        return try client.send(HTTPRequest(method: method, url: baseURL + path, headers: headers, body: Array(body.utf8)))
    }
}

extension HTTPResponse {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The `error.code` of a JSON error body, if any.
    var errorCode: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let error = object["error"] as? [String: Any]
        else { return nil }
        return error["code"] as? String
    }

    /// The body as a JSON object.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:] }
}
