/// Why ``Gzip/decompress(_:limit:)`` refused its input.
public struct GzipError: Error, CustomStringConvertible, Equatable {
    /// The kind of failure, for callers that react differently to each.
    public enum Reason: Sendable, Equatable {
        /// The bytes are not a valid gzip stream (bad header, bad deflate data or checksum).
        case corrupt
        /// The gzip stream ends before its trailer: the input was cut short.
        case truncated
        /// The decompressed data would be larger than the caller's `limit`.
        case tooLarge(limit: Int)
        /// zlib could not allocate its working memory.
        case outOfMemory
    }

    /// The kind of failure.
    public let reason: Reason
    /// zlib's own explanation, when it gave one.
    public let detail: String?

    /// Creates an error of the given kind with zlib's explanation, if any.
    public init(_ reason: Reason, detail: String? = nil) {
        self.reason = reason
        self.detail = detail
    }

    /// One line saying what went wrong and what to do about it.
    public var description: String {
        let suffix = detail.map { " (\($0))" } ?? ""
        switch reason {
        case .corrupt:
            return "gzip data is corrupt\(suffix): the sender did not send gzip, or the bytes were damaged"
        case .truncated:
            return "gzip data ends early\(suffix): the transfer was cut short; send it again"
        case .tooLarge(let limit):
            return "gzip data expands past the limit of \(limit) bytes: raise the limit or send smaller batches"
        case .outOfMemory:
            return "zlib ran out of memory\(suffix): free memory or send smaller batches"
        }
    }
}
