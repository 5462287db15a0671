import CCurl

/// libcurl's process-wide setup, which must run once before any handle is made.
enum CurlGlobal {
    /// The raw `CURLcode` of `curl_global_init`; a `static let` runs its initializer exactly once, thread-safely.
    static let initResult: UInt32 = curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue
}
