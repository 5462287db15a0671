/// An HTTP request to send.
public struct HTTPRequest: Sendable {
    /// The method, e.g. `"GET"` or `"POST"`; sent as given.
    public var method: String
    /// The absolute `http://` or `https://` URL.
    public var url: String
    /// Header fields in sending order. A field with an empty value is sent empty, not dropped.
    public var headers: [(name: String, value: String)]
    /// The body; must be empty for `GET` and `HEAD`.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Whether the caller set the header `name` (compared case-insensitively).
    func hasHeader(_ name: String) -> Bool {
        headers.contains { $0.name.lowercased() == name.lowercased() }
    }
}
