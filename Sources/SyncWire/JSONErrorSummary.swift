import SyncCore
import Foundation

/// Turns Foundation's decoding errors into one line a person can act on.
public enum JSONErrorSummary {
    /// A one-line description of why `error` stopped decoding: the path to the bad field and the
    /// reason, or "not JSON (truncated or corrupted)".
    public static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return String(describing: error) }
        switch decodingError {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not JSON (truncated or corrupted)" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) should be \(readable(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) should be \(readable(type)), found null"
        @unknown default:
            return String(describing: error)
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        return text.isEmpty ? "the document" : "'" + String(text.drop { $0 == "." }) + "'"
    }

    private static func readable(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is UInt64.Type: "an integer"
        case is Double.Type: "a number"
        default: "\(type)"
        }
    }
}
