@testable import Gzip
import Testing

/// Decompression reserves its output once, from the size the gzip trailer states, and a trailer
/// that lies can neither make it reserve more than the limit nor break the result.
@Suite struct GzipReservationTests {
    @Test func theOutputIsReservedAtTheSizeTheTrailerStates() {
        let original = [UInt8]((0..<200_000).map { UInt8(truncatingIfNeeded: $0 % 7) })
        let packed = Gzip.compress(original)
        #expect(Gzip.expectedSize(of: packed, limit: 1 << 30) == original.count)
        #expect(Gzip.expectedSize(of: packed, limit: 50_000) == 50_000)
    }

    @Test func aTrailerClaimingMoreThanDeflateCanProduceIsIgnored() throws {
        let original = [UInt8](repeating: 1, count: 5_000)
        var forged = Gzip.compress(original)
        forged.replaceSubrange((forged.count - 4)..., with: [0xff, 0xff, 0xff, 0x7f])
        #expect(Gzip.expectedSize(of: forged, limit: 1 << 30) == max(forged.count * 4, 4096))
        // The forged size also fails zlib's own trailer check.
        #expect(throws: GzipError.self) { try Gzip.decompress(forged, limit: 1 << 30) }
    }
}
