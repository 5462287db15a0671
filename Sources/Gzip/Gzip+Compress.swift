import CZlib

extension Gzip {
    /// Compresses `bytes` into one gzip member.
    ///
    /// - Parameters:
    ///   - bytes: The data to compress; may be empty (the result is then a 20-byte gzip stream).
    ///   - level: zlib's compression level, 0 (store) to 9 (smallest); -1 means zlib's default.
    ///     Values outside that range are clamped.
    /// - Returns: A complete gzip stream that ``decompress(_:limit:)`` (or `gunzip`) restores exactly.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let clamped = min(max(level, -1), 9)
        let status = czlib_deflate_init2(stream, clamped, gzipWindowBits, 8, Z_DEFAULT_STRATEGY)
        // With valid arguments deflateInit2 fails only when malloc does, like any allocation.
        precondition(status == Z_OK, "zlib deflateInit2 failed with status \(status): out of memory")
        defer { deflateEnd(stream) }

        // deflateBound is an upper bound for the whole output, so one allocation suffices.
        let bound = Int(deflateBound(stream, uLong(bytes.count)))
        return bytes.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: bound) { output, written in
                stream.pointee.next_out = output.baseAddress
                var consumed = 0
                var result = Z_OK
                repeat {
                    if stream.pointee.avail_in == 0, consumed < input.count {
                        let take = min(input.count - consumed, maxChunk)
                        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                        stream.pointee.avail_in = uInt(take)
                        consumed += take
                    }
                    let produced = Int(stream.pointee.total_out)
                    stream.pointee.avail_out = uInt(min(bound - produced, maxChunk))
                    let finishing = consumed == input.count
                    result = deflate(stream, finishing ? Z_FINISH : Z_NO_FLUSH)
                    precondition(result == Z_OK || result == Z_STREAM_END, "zlib deflate failed: \(result)")
                } while result != Z_STREAM_END
                written = Int(stream.pointee.total_out)
            }
        }
    }
}
