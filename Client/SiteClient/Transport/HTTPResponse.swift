/// A complete HTTP response.
public struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    public let status: Int
    /// Header fields keyed by lower-cased name; repeated fields are joined with `", "`.
    public let headers: [String: String]
    /// The body, already decoded if the server sent it gzip- or deflate-encoded.
    public let body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
