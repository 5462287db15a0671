import CCurl

/// Gathers one response's headers and body from libcurl's callbacks.
///
/// libcurl's callbacks are C function pointers and cannot capture context, so each receives
/// this object as its `void *` user data (``opaque``) and recovers it with ``from(_:)``.
final class ResponseCollector {
    /// The most body bytes to accept.
    let limit: Int
    /// The body received so far (decoded, when the server compressed it).
    private(set) var body: [UInt8] = []
    /// Headers of the final response, lower-cased names.
    private(set) var headers: [String: String] = [:]
    /// Set when the body outgrew ``limit`` and the transfer was aborted for it.
    private(set) var exceededLimit = false

    /// Creates a collector that accepts at most `limit` body bytes.
    init(limit: Int) { self.limit = limit }

    /// This object as libcurl user data; valid while the caller keeps the collector alive.
    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// The collector behind `opaque`.
    static func from(_ opaque: UnsafeMutableRawPointer?) -> ResponseCollector? {
        opaque.map { Unmanaged<ResponseCollector>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Appends body bytes; returns how many were taken (fewer than `length` makes libcurl abort).
    func receiveBody(_ data: UnsafeMutablePointer<CChar>?, length: Int) -> Int {
        guard length > 0, let data else { return 0 }
        guard length <= limit - body.count else {
            exceededLimit = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    /// Records one header line; a status line starts a new header block (after `1xx` responses).
    func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, length: Int) -> Int {
        guard length > 0, let data else { return length }
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
        if line.hasPrefix("HTTP/") {
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return length
    }
}

extension Substring {
    /// The text without leading or trailing spaces, tabs, CR or LF.
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
