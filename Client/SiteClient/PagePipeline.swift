import ReplicaStore
import SyncProtocol

/// Pull or snapshot pages fetched and decoded ahead of the page being applied: while the sync applies
/// page n, page n+1 is decoded on a thread of its own and page n+2 is on its way from the server.
/// Decoding a page takes about as long as applying it, so doing both on one thread after the other
/// made the server lane, not the replica, the bound of a big pull.
///
/// The next page can be asked for before this one is decoded only because the server says where it
/// starts in the page's headers (`ArrivedPage.ahead`); from a server that does not (an older one),
/// or headers that cannot be used, the next page is asked for once this one is decoded, while this
/// one is applied (as before), and the document decides.
final class PagePipeline<Position: Sendable> {
    /// A page ready to apply: the page, its rows encoded for storage, where it was asked, and where
    /// the page after it starts (nil: it is the last).
    struct Ready {
        let page: PullPage
        let prepared: PreparedRows
        let position: Position
        let following: Position?
    }

    /// Asks for the page at a position (run on the lane's thread; the only user of the server API).
    typealias Fetch = (Position) throws(SyncError) -> ArrivedPage
    /// Where the page after one starts, from its headers (`ahead`) or, without them, the decoded page.
    typealias Following = (_ ahead: PageAhead?, _ page: PullPage?, _ at: Position) throws(SyncError) -> Position?

    private let lane: ServerLane
    private let fetch: Fetch
    private let following: Following
    /// The page asked for next: where, and (once it arrived) its headers and its decoding, which its
    /// fetch starts on a thread of its own as soon as it arrives.
    private var fetching: (position: Position, pending: Pending<Arrived>)?

    private typealias Decoded = (page: PullPage, prepared: PreparedRows)
    private typealias Arrived = (ahead: PageAhead?, decoding: Pending<Decoded>)

    /// A pipeline starting with the page at `first`.
    init(lane: ServerLane, first: Position, fetch: @escaping Fetch, following: @escaping Following) {
        self.lane = lane
        self.fetch = fetch
        self.following = following
        fetching = (first, start(first))
    }

    /// The next page in order, or nil after the last. When the page's headers say where the next one
    /// starts, that one is already asked for (and decoded as soon as it arrives) before this returns.
    func next() throws(SyncError) -> Ready? {
        guard let current = fetching else { return nil }
        fetching = nil
        let arrived = try current.pending.wait()
        var next: Position?
        // Headers that say where the next page starts let it be asked for now; headers missing (an
        // older server) or unusable (a proxy that dropped one) leave it to the decoded document.
        var aheadUsed = false
        if let ahead = arrived.ahead, let position = try? following(ahead, nil, current.position) {
            aheadUsed = true
            next = position
            if let next { fetching = (next, start(next)) }
        }
        let decoded: Decoded
        do {
            decoded = try arrived.decoding.wait()
        } catch {
            drain()
            throw error
        }
        if !aheadUsed {
            next = try following(nil, decoded.page, current.position)
            if let next { fetching = (next, start(next)) }
        }
        return Ready(page: decoded.page, prepared: decoded.prepared, position: current.position, following: next)
    }

    /// Waits for whatever is still in flight (the lane must be idle when a sync returns).
    func drain() {
        if let arrived = try? fetching?.pending.wait() { _ = try? arrived.decoding.wait() }
        fetching = nil
    }

    /// Asks for the page at `position` on the lane; once it arrives, its decoding starts on a thread of its own.
    private func start(_ position: Position) -> Pending<Arrived> {
        let fetch = self.fetch
        let lane = self.lane
        return lane.start { () throws(SyncError) -> Arrived in
            let page = try fetch(position)
            let decoding: Pending<Decoded> = lane.start { () throws(SyncError) -> Decoded in
                let decoded = try page.decoded()
                return (page: decoded, prepared: PreparedRows(decoded.rows))
            }
            return (ahead: page.ahead, decoding: decoding)
        }
    }
}
