import Foundation
import ReplicaStore
import SyncCore

/// Progress of a running sync, for a terminal display.
public struct SyncProgress: Sendable {
    /// `push`, `snapshot` (an initial sync's ordered pages) or `pull`.
    public let phase: String
    /// Rows done so far in this phase.
    public let rows: Int
    /// Pages done so far in this phase.
    public let pages: Int
    /// For pulls: the server's newest sequence and the cursor reached, to estimate what remains.
    public let cursor: UInt64
    /// The server's newest sequence.
    public let latest: UInt64
}

/// One sync of a replica with its server: handshake, push every unacknowledged local version in
/// bounded batches, then pull pages until caught up.
///
/// Every step commits whole: a push batch is forgotten from the outbox only after the server
/// acknowledged it (a retry is harmless, merging is idempotent), and each pulled page is applied in
/// one transaction together with the cursor, so a sync killed at any point resumes where it stopped.
public final class SyncSession {
    let replica: Replica
    let api: ServerAPI
    /// What builds another connection to the server, for a second push request in flight.
    private let makeAPI: () throws(SyncError) -> ServerAPI
    let lane = ServerLane()
    /// Rows per push request.
    public var pushBatchSize = 2_000
    /// Push requests in flight at once (1 or more): with 2, the server receives and decodes a batch
    /// while it stores the one before. Each request beyond the first uses a connection of its own.
    public var pushWindow = 2
    /// Rows per pull page.
    public var pullPageSize = SyncSession.defaultPullPageSize
    /// The default of `pullPageSize`: a pull commits this many rows at a time.
    public static let defaultPullPageSize = 2_000
    /// Checked between committed steps: when raised, the sync stops with `SyncError.stopped`.
    public var stop: StopSignal?
    /// Whether the replica moves to the server's schema version when the server has a newer one
    /// (after pushing, before pulling). When false it keeps syncing at its own version, sent rows as
    /// that version holds them, until a sync that moves it (`farelegami schema upgrade`).
    public var upgradesSchema = true

    /// A session for `replica` using its saved settings (or `settings`).
    ///
    /// - Throws: `SyncError.notConfigured` / `.noToken` when the replica has no server or token.
    public init(
        replica: Replica, settings: SyncSettings? = nil, options: TransportOptions = TransportOptions(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SyncError) {
        let resolved: SyncSettings
        if let settings {
            resolved = settings
        } else {
            resolved = try SyncSettings.load(from: replica)
        }
        let settings = resolved
        var options = options
        if options.caCertificatePath == nil { options.caCertificatePath = settings.caCertificate }
        self.replica = replica
        let token = try settings.token(environment: environment)
        let catalog = replica.catalog
        makeAPI = { () throws(SyncError) in
            try ServerAPI(baseURL: settings.serverURL, token: token, options: options, catalog: catalog)
        }
        self.api = try makeAPI()
    }

    /// Runs the sync, recording its outcome in the replica (`status` shows it).
    ///
    /// A replica the server finds to be a copy of itself while it pushes (a second copy pushed the
    /// same counters first) takes a new identity and runs the sync again, once.
    public func run(progress: ((SyncProgress) -> Void)? = nil) throws(SyncError) -> SyncSummary {
        do {
            let summary: SyncSummary
            do {
                summary = try runSteps(progress: progress)
            } catch .server(409, ServerErrorCode.replicaForked, _) {
                var forked = SyncSummary()
                try fork(into: &forked)
                var again = try runSteps(progress: progress)
                again.fork = forked.fork
                again.notices = forked.notices + again.notices
                summary = again
            }
            try? SyncRecord.recordSuccess(in: replica)
            return summary
        } catch {
            try? SyncRecord.recordFailure(error, in: replica)
            throw error
        }
    }

    private func runSteps(progress: ((SyncProgress) -> Void)?) throws(SyncError) -> SyncSummary {
        var summary = SyncSummary()
        // Another process may have moved the file to a newer schema version since it was opened here.
        if try replicaCall({ try replica.followCatalogChanges() }) { api.catalog = replica.catalog }
        if let notice = try replicaCall({ try replica.checkCapture()?.notice }) { summary.notices.append(notice) }
        let reportedHeldBack = try heldBackReport()
        let hello = try handshake(into: &summary, heldBack: reportedHeldBack)
        try detectRewoundServer(hello)
        try verifyCatalogFromFile()
        try push(into: &summary, latest: hello.latestSequence, progress: progress)
        try reportHeldBackIfChanged(since: reportedHeldBack)
        if upgradesSchema { try upgradeSchemaIfBehind(hello, into: &summary) }
        try pull(into: &summary, progress: progress)
        summary.directoryProblem = refreshDirectory()
        summary.conflicts = try replicaCall { try replica.openConflicts().count }
        summary.heldBack = try replicaCall { try replica.quarantinedRows().count }
        return summary
    }

    /// A server restored from an older backup has another epoch or an older newest sequence: pull
    /// everything again and push everything, so nothing it lost stays lost.
    private func detectRewoundServer(_ hello: HandshakeReply) throws(SyncError) {
        try replicaCall {
            let knownEpoch = try replica.meta(SyncRecord.Key.epoch)
            let cursor = try replica.meta(SyncRecord.Key.cursor).flatMap(UInt64.init) ?? 0
            let snapshot = try SnapshotPosition.saved(in: replica)?.upTo ?? 0
            if knownEpoch != nil && knownEpoch != hello.epoch || hello.latestSequence < max(cursor, snapshot) {
                try replica.requeueEverything()
                try SyncRecord.restartPull(in: replica)
            }
            try replica.setMeta(SyncRecord.Key.epoch, hello.epoch)
        }
    }

    /// Pushes the outbox in batches, up to `pushWindow` requests in flight, reading the next batch
    /// from the replica meanwhile. Batches are acknowledged in order, each only after the server
    /// stored it: a batch that failed, or one behind it, stays in the outbox for the next sync (the
    /// server merges a batch sent twice to the same state).
    private func push(into summary: inout SyncSummary, latest: UInt64, progress: ((SyncProgress) -> Void)?)
        throws(SyncError)
    {
        var connections = [api]
        var inFlight: [(batch: OutboxBatch, sent: Pending<PushReceipt>)] = []
        // Never leave a request in flight behind: the lane must be idle when the sync returns.
        defer { for request in inFlight { _ = try? request.sent.wait() } }
        var sent = 0
        var pages = 0
        var batch = try replicaCall { try replica.nextOutboxBatch(limit: pushBatchSize) }
        while true {
            while batch.count > 0, inFlight.count < max(1, pushWindow) {
                try checkStop()
                // Request k uses connection k mod window, whose request k - window was collected.
                if connections.count < max(1, pushWindow), sent >= connections.count {
                    connections.append(try makeAPI())
                }
                let connection = connections[sent % connections.count]
                let document = batch.changeSet
                let cuts = batch.cuts
                inFlight.append((batch, lane.start { () throws(SyncError) in try connection.push(document: document, cuts: cuts) }))
                sent += 1
                let after = batch.lastSequence
                batch = try replicaCall { try replica.nextOutboxBatch(after: after, limit: pushBatchSize) }
            }
            guard let oldest = inFlight.first else { return }
            _ = try oldest.sent.wait()
            inFlight.removeFirst()
            try replicaCall { try replica.acknowledge(oldest.batch) }
            summary.pushed += oldest.batch.count
            pages += 1
            progress?(SyncProgress(phase: "push", rows: summary.pushed, pages: pages, cursor: 0, latest: latest))
        }
    }

    /// Pulls pages until caught up; while one page is applied the next is decoded and encoded for
    /// storage and the one after it fetched (`PagePipeline`).
    private func pull(into summary: inout SyncSummary, progress: ((SyncProgress) -> Void)?) throws(SyncError) {
        if try replicaCall({ try replica.meta(SyncRecord.Key.cursor).flatMap(UInt64.init) ?? 0 }) == 0 {
            try pullSnapshot(into: &summary, progress: progress)
        }
        let cursor = try replicaCall { try replica.meta(SyncRecord.Key.cursor).flatMap(UInt64.init) ?? 0 }
        let api = self.api
        let replicaID = replica.replicaID
        let limit = pullPageSize
        let pages = PagePipeline<UInt64>(
            lane: lane, first: cursor,
            fetch: { since throws(SyncError) in try api.fetchPull(replica: replicaID, since: since, limit: limit) },
            following: { ahead, page, _ in
                if let ahead { return ahead.more ? ahead.through : nil }
                return page.flatMap { $0.more ? $0.through : nil }
            })
        // Never leave a page in flight behind: the lane must be idle when the sync returns.
        defer { pages.drain() }
        while let ready = try pages.next() {
            try checkStop()
            let page = ready.page
            let applied = try replicaCall {
                try replica.apply(
                    ready.prepared, forget: page.forget.map { ($0.table, $0.id) }, retained: page.retained ?? []
                ) {
                    try replica.setMeta(SyncRecord.Key.cursor, String(page.through))
                }
            }
            summary.pulled += page.rows.count
            summary.changed += applied.changed
            summary.forgotten += applied.forgotten
            summary.pages += 1
            summary.cursor = page.through
            progress?(SyncProgress(
                phase: "pull", rows: summary.pulled, pages: summary.pages, cursor: page.through, latest: page.latestSequence))
        }
    }

    func checkStop() throws(SyncError) {
        if stop?.isRaised == true { throw .stopped }
    }

    func replicaCall<T>(_ body: () throws -> T) throws(SyncError) -> T {
        do {
            return try body()
        } catch let error as ReplicaError {
            throw .replica(error)
        } catch let error as SyncError {
            throw error
        } catch {
            throw .local(detail: "\(error)")
        }
    }
}
