import Gzip
import SyncCore
import Testing

/// Random bytes from a seeded generator, so failures reproduce.
func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
}

@Suite struct GzipTests {
    @Test(arguments: [0, 1, 1000, 3 * 1024 * 1024])
    func randomDataSurvivesARoundTrip(count: Int) throws {
        let original = randomBytes(count: count, seed: UInt64(count))
        let restored = try Gzip.decompress(Gzip.compress(original), limit: count)
        let intact = restored == original  // compared outside #expect: a failure would print megabytes
        #expect(intact)
    }

    @Test func repetitiveMultiMegabyteDataShrinksAndRoundTrips() throws {
        let original = [UInt8]((0..<8 * 1024 * 1024).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let packed = Gzip.compress(original)
        #expect(packed.count < original.count / 50)
        let intact = try Gzip.decompress(packed, limit: original.count) == original
        #expect(intact)
    }

    @Test func emptyInputCompressesToAValidGzipStream() throws {
        let packed = Gzip.compress([])
        #expect(packed.starts(with: [0x1F, 0x8B]))
        #expect(try Gzip.decompress(packed, limit: 0) == [])
    }

    @Test(arguments: [0, 1, 9, -1, 42])
    func everyLevelProducesDecodableOutput(level: Int32) throws {
        let original = randomBytes(count: 10_000, seed: 7) + [UInt8](repeating: 65, count: 10_000)
        #expect(try Gzip.decompress(Gzip.compress(original, level: level), limit: 20_000) == original)
    }

    @Test func concatenatedMembersDecompressInOrder() throws {
        let first = Array("first ".utf8), second = Array("second".utf8)
        let joined = Gzip.compress(first) + Gzip.compress(second)
        #expect(try Gzip.decompress(joined, limit: 100) == first + second)
    }

    @Test func bytesThatAreNotGzipAreReportedCorrupt() {
        let error = #expect(throws: GzipError.self) {
            try Gzip.decompress(Array("plainly not gzip".utf8), limit: 1000)
        }
        #expect(error?.reason == .corrupt)
        #expect(error?.description.contains("corrupt") == true)
    }

    @Test func aDamagedPayloadIsReportedCorrupt() {
        var packed = Gzip.compress(randomBytes(count: 50_000, seed: 3))
        packed[packed.count / 2] ^= 0xFF
        packed[packed.count / 2 + 1] ^= 0xFF
        let error = #expect(throws: GzipError.self) { try Gzip.decompress(packed, limit: 100_000) }
        #expect(error?.reason == .corrupt)
    }

    @Test(arguments: [1, 4, 100])
    func truncatedInputIsReportedTruncated(cut: Int) {
        let packed = Gzip.compress(randomBytes(count: 50_000, seed: 5))
        let error = #expect(throws: GzipError.self) {
            try Gzip.decompress(Array(packed.dropLast(cut)), limit: 100_000)
        }
        #expect(error?.reason == .truncated)
    }

    @Test func emptyInputIsReportedTruncated() {
        let error = #expect(throws: GzipError.self) { try Gzip.decompress([], limit: 10) }
        #expect(error?.reason == .truncated)
    }

    @Test func outputBeyondTheLimitIsRefused() {
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 4 * 1024 * 1024))
        let error = #expect(throws: GzipError.self) { try Gzip.decompress(bomb, limit: 1_000_000) }
        #expect(error?.reason == .tooLarge(limit: 1_000_000))
        #expect(error?.description.contains("1000000 bytes") == true)
    }

    @Test func outputExactlyAtTheLimitIsAccepted() throws {
        let original = [UInt8](repeating: 9, count: 300_000)
        let intact = try Gzip.decompress(Gzip.compress(original), limit: 300_000) == original
        #expect(intact)
        #expect(throws: GzipError.self) { try Gzip.decompress(Gzip.compress(original), limit: 299_999) }
    }
}
