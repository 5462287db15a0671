import CZlib

/// Whole-buffer gzip (RFC 1952) compression and decompression through the system zlib.
///
/// Both directions stream through zlib in bounded chunks, so multi-megabyte buffers cost
/// one pass and a handful of allocations.
///
/// ```swift
/// let packed = Gzip.compress(Array("hello".utf8))
/// let unpacked = try Gzip.decompress(packed, limit: 1 << 20)
/// ```
public enum Gzip {
    /// zlib's `windowBits` for a 32 KiB window in the gzip wrapper (15 + 16).
    static let gzipWindowBits: Int32 = 15 + 16

    /// How many output bytes one inflate call may produce.
    static let outputChunkSize = 256 * 1024

    /// The most bytes one zlib call can take or give (`avail_in` / `avail_out` are 32-bit).
    static let maxChunk = Int(UInt32.max)
}
