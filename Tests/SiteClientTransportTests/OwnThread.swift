import SiteClient
import Foundation

/// Runs `work` with a fresh ``CurlHTTPClient`` on a thread of its own and returns its result.
///
/// `send` blocks its thread; doing that on Swift concurrency's small cooperative pool could
/// starve the in-process server that must answer it, so each exchange gets a real thread.
func withClientOnOwnThread<T: Sendable>(
    options: TransportOptions = .init(),
    _ work: @escaping @Sendable (CurlHTTPClient) throws(TransportError) -> T
) async throws(TransportError) -> T {
    let result: Result<T, TransportError> = await withCheckedContinuation { continuation in
        let thread = Thread {
            continuation.resume(returning: Result { () throws(TransportError) -> T in
                let client = try CurlHTTPClient(options: options)
                return try work(client)
            })
        }
        thread.start()
    }
    return try result.get()
}
