import Foundation

/// The fields of a posted form: `application/x-www-form-urlencoded`, or `multipart/form-data` with
/// its uploaded files.
struct FormBody: Sendable {
    /// Text fields by name (the last one wins when a name repeats).
    var fields: [String: String] = [:]
    /// Uploaded files' bytes by field name.
    var files: [String: [UInt8]] = [:]

    /// The body `bytes` of content type `contentType`; an unknown type gives no fields.
    init(bytes: [UInt8], contentType: String?) {
        let type = contentType?.lowercased() ?? ""
        if type.hasPrefix("multipart/form-data"), let boundary = Self.boundary(in: contentType ?? "") {
            parseMultipart(bytes, boundary: boundary)
        } else if type.hasPrefix("application/x-www-form-urlencoded") {
            fields = Self.urlEncoded(String(decoding: bytes, as: UTF8.self))
        }
    }

    init() {}

    /// `a=1&b=x+y` as fields; `+` is a space, `%XX` a byte.
    static func urlEncoded(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    private static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";") {
            let trimmed = parameter.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("boundary=") {
                return String(trimmed.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    private mutating func parseMultipart(_ bytes: [UInt8], boundary: String) {
        // Parts are separated by CRLF "--boundary" (the first may start the body without the CRLF);
        // "--boundary--" ends the body.
        let delimiter = Array("\r\n--\(boundary)".utf8)
        var starts: [Int] = []
        if bytes.starts(with: delimiter.dropFirst(2)) { starts.append(delimiter.count - 2) }
        var index = 0
        while index + delimiter.count <= bytes.count {
            if bytes[index] == 13, bytes[index..<index + delimiter.count].elementsEqual(delimiter) {
                starts.append(index + delimiter.count)
                index += delimiter.count
            } else {
                index += 1
            }
        }
        for (number, start) in starts.enumerated() {
            // After the delimiter: "--" (the end) or CRLF and the part.
            guard start + 2 <= bytes.count, bytes[start] == 13, bytes[start + 1] == 10 else { continue }
            let end = number + 1 < starts.count ? starts[number + 1] - delimiter.count : bytes.count
            guard end > start + 2 else { continue }
            let part = bytes[(start + 2)..<end]
            guard let split = Self.headerEnd(part) else { continue }
            let headers = String(decoding: part[part.startIndex..<split], as: UTF8.self)
            let body = Array(part[(split + 4)...])
            guard let disposition = headers.split(separator: "\r\n").first(where: {
                $0.lowercased().hasPrefix("content-disposition")
            }) else { continue }
            guard let name = Self.parameter("name", in: String(disposition)) else { continue }
            if Self.parameter("filename", in: String(disposition)) != nil {
                files[name] = body
            } else {
                fields[name] = String(decoding: body, as: UTF8.self)
            }
        }
    }

    private static func headerEnd(_ part: ArraySlice<UInt8>) -> Int? {
        var index = part.startIndex
        while index + 3 < part.endIndex {
            if part[index] == 13, part[index + 1] == 10, part[index + 2] == 13, part[index + 3] == 10 { return index }
            index += 1
        }
        return nil
    }

    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("\(name)=") {
                return String(trimmed.dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
