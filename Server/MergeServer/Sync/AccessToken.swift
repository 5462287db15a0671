import SyncCore
import Crypto

/// Bearer tokens: 256 random bits as 64 hex digits. Only their SHA-256 hash is ever stored, so a copy
/// of the store does not let anyone sync; the token itself is shown once, when it is issued.
public enum AccessToken {
    /// A new random token (32 bytes from the system's secure generator, as lower-case hex).
    public static func generate() -> String { randomHex(byteCount: 32) }

    /// The SHA-256 of the token's UTF-8 bytes, as lower-case hex: the form the store keeps.
    public static func hash(_ token: String) -> String {
        hex(Array(SHA256.hash(data: Array(token.utf8))))
    }

    /// Whether two hashes are equal, in time that depends only on their length (not on where they
    /// first differ), so that answers cannot be timed to guess a secret hash digit by digit.
    static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let (a, b) = (Array(left.utf8), Array(right.utf8))
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// `byteCount` bytes from the system's secure generator, as lower-case hex.
    static func randomHex(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
