/// The body of every 4xx and 5xx answer: `{"error":{"code":"snake_case","message":"…"}}`.
public struct ErrorBody: Sendable, Codable, Equatable {
    /// The error itself.
    public struct Detail: Sendable, Codable, Equatable {
        /// A stable machine-readable code (`unauthorized`, `forbidden`, `unknown_table`, ...).
        public var code: String
        /// One line a person can act on.
        public var message: String

        /// A value with every field given.
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// The error.
    public var error: Detail

    /// An error body with `code` and `message`.
    public init(code: String, message: String) {
        self.error = Detail(code: code, message: message)
    }
}
