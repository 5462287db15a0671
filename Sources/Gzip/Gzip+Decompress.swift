import CZlib

extension Gzip {
    /// Restores the data of a gzip stream, refusing to produce more than `limit` bytes.
    ///
    /// Concatenated gzip members (as `cat a.gz b.gz` makes) are decompressed one after another.
    ///
    /// - Parameters:
    ///   - bytes: A complete gzip stream.
    ///   - limit: The most bytes the result may hold; a guard against "zip bombs" that
    ///     expand a small input into gigabytes. The check happens while decompressing,
    ///     so memory use stays near `limit`.
    /// - Returns: The decompressed bytes.
    /// - Throws: ``GzipError`` with reason `.corrupt` when the input is not valid gzip,
    ///   `.truncated` when it ends early (including empty input), `.tooLarge` when the
    ///   output would exceed `limit`.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws(GzipError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let status = czlib_inflate_init2(stream, gzipWindowBits)
        guard status == Z_OK else { throw GzipError(.outOfMemory, detail: zlibMessage(stream)) }
        defer { inflateEnd(stream) }

        var output: [UInt8] = []
        output.reserveCapacity(expectedSize(of: bytes, limit: limit))
        let failure = bytes.withUnsafeBufferPointer { input in
            inflateAll(input, stream: stream, into: &output, limit: limit)
        }
        if let failure { throw failure }
        return output
    }

    /// The room to reserve for decompressing `bytes`: the size its gzip trailer states (ISIZE, the
    /// last four bytes: exact for one member under 4 GiB) when deflate could have produced it (at most
    /// 1,032 times the input), else four times the input; never more than `limit`. Growing the output
    /// by doubling instead copied a request body several times into fresh pages (12 % of the server's
    /// CPU with 50 sites pushing).
    static func expectedSize(of bytes: [UInt8], limit: Int) -> Int {
        let fallback = max(bytes.count * 4, 4096)
        guard bytes.count >= 18 else { return min(limit, fallback) }
        let trailer = bytes[(bytes.count - 4)...].reversed().reduce(0) { $0 << 8 | Int($1) }
        let plausible = trailer >= bytes.count / 2 && trailer <= bytes.count * 1_032
        return min(limit, plausible ? trailer : fallback)
    }

    /// Feeds all of `input` through `stream`, appending to `output`; returns the failure, if any.
    private static func inflateAll(
        _ input: UnsafeBufferPointer<UInt8>,
        stream: UnsafeMutablePointer<z_stream>,
        into output: inout [UInt8],
        limit: Int
    ) -> GzipError? {
        guard let base = input.baseAddress, !input.isEmpty else {
            return GzipError(.truncated, detail: "input is empty")
        }
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: outputChunkSize)
        defer { chunk.deallocate() }
        var consumed = 0
        while true {
            if stream.pointee.avail_in == 0, consumed < input.count {
                let take = min(input.count - consumed, maxChunk)
                stream.pointee.next_in = UnsafeMutablePointer(mutating: base + consumed)
                stream.pointee.avail_in = uInt(take)
                consumed += take
            }
            stream.pointee.next_out = chunk
            stream.pointee.avail_out = uInt(outputChunkSize)
            let result = inflate(stream, Z_NO_FLUSH)
            let produced = outputChunkSize - Int(stream.pointee.avail_out)
            if produced > limit - output.count { return GzipError(.tooLarge(limit: limit)) }
            output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: produced))

            switch result {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // Another member may follow; anything else after the trailer is corrupt.
                if stream.pointee.avail_in == 0, consumed == input.count { return nil }
                guard inflateReset(stream) == Z_OK else { return GzipError(.corrupt, detail: zlibMessage(stream)) }
            case Z_BUF_ERROR:
                // No progress with room to write: the input ran out before the trailer.
                return GzipError(.truncated, detail: "input ends inside the gzip stream")
            case Z_MEM_ERROR:
                return GzipError(.outOfMemory, detail: zlibMessage(stream))
            default: // Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR
                return GzipError(.corrupt, detail: zlibMessage(stream))
            }
        }
    }

    /// zlib's message for the last failure of `stream`, if it set one.
    private static func zlibMessage(_ stream: UnsafeMutablePointer<z_stream>) -> String? {
        stream.pointee.msg.map { String(cString: $0) }
    }
}
