import CCurl

/// Owns a libcurl `curl_slist` of header lines and frees it when released.
final class HeaderList {
    /// The list's head, or `nil` when empty (or when libcurl ran out of memory).
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    /// Builds `"Name: value"` lines; an empty value is written `"Name;"`, libcurl's spelling for
    /// "send this header empty" (`"Name:"` would instead remove a header libcurl adds itself).
    init(fields: [(name: String, value: String)], rawLines: [String]) {
        for field in fields {
            append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        for line in rawLines { append(line) }
    }

    deinit { curl_slist_free_all(head) }

    /// Appends one line; libcurl copies the string.
    private func append(_ line: String) {
        if let grown = curl_slist_append(head, line) { head = grown }
    }
}
