import Foundation
import Hummingbird
import SyncCore
import SyncProtocol
import SyncWire

/// The handlers of the `/v1` routes: read and check the request, call the store, answer in JSON.
/// See protocol/SYNC.md for the API they implement.
struct SyncAPI<Store: ChangeStore>: Sendable {
    let store: Store
    let catalog: Catalog
    let maxBodyBytes: Int

    /// Page sizes of `GET /v1/pull`.
    static var defaultPullLimit: Int { 1_000 }
    static var maxPullLimit: Int { 5_000 }
    /// Handshake bodies are tiny; anything bigger is refused early.
    static var maxHandshakeBytes: Int { 64 * 1_024 }

    func handshake(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let site = try context.authenticatedSite()
        let body = try await request.syncBody(limit: min(maxBodyBytes, Self.maxHandshakeBytes))
        let hello: HandshakeRequest
        do {
            hello = try JSONDecoder().decode(HandshakeRequest.self, from: Data(body))
        } catch {
            throw ServerError.badRequest(
                code: "malformed_request", message: "not a valid handshake: \(JSONErrorSummary.describe(error))")
        }
        guard hello.protocolVersion == ProtocolVersion.current else {
            throw ServerError.protocolMismatch(client: hello.protocolVersion, server: ProtocolVersion.current)
        }
        let replica = try Self.replicaID(hello.replica)
        let forkedFrom = try hello.forkedFrom.map { text throws(ServerError) in try Self.replicaID(text) }
        let cuts = hello.cuts ?? []
        guard Cut.areValid(cuts) else {
            throw ServerError.badRequest(
                code: "malformed_request",
                message: "'cuts' must be at most \(Cut.maxPerRequest) writes, each a counter ≥ 1 and a tag of 16 hexadecimal digits")
        }
        if let heldBack = hello.heldBack, !heldBack.isValid {
            throw ServerError.badRequest(
                code: "malformed_request",
                message: "'heldBack' must list at most \(HeldBackReport.maxRows) rows, no more than its total, "
                    + "each text at most \(HeldBackReport.maxTextLength) characters")
        }
        // The store refuses a schema version it does not know (newer than the server's, say).
        let reply = try await store.handshake(
            replica: replica, counter: hello.counter, cuts: cuts, forkedFrom: forkedFrom,
            schemaVersion: hello.schemaVersion, site: site)
        if let heldBack = hello.heldBack, reply.forked != true {
            try await store.recordHeldBack(heldBack, replica: replica, site: site)
        }
        return JSONReply.response(reply, for: request)
    }

    func push(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let site = try context.authenticatedSite()
        let cuts = try Self.cuts(request.uri.queryParameters["cuts"])
        let body = try await request.syncBody(limit: maxBodyBytes)
        // A change set of any version the server published is taken, and checked against the newest
        // catalog: a replica on an older version may hold values a newer one allowed (SYNC.md,
        // "Schema versions"); a column a version dropped is still taken (stored states keep it).
        let versions = try await store.catalogVersions()
        let changeSet: ChangeSet
        do {
            changeSet = try ChangeSetCodec.decode(body, newest: versions.current.schemaVersion) { version in
                versions.byVersion[version] == nil ? nil : versions.checking
            }
        } catch {
            throw ServerError.refused(error)
        }
        let receipt = try await store.push(changeSet, cuts: cuts, from: site)
        context.logger.info(
            "push",
            metadata: [
                "site": "\(site.site)", "replica": "\(changeSet.origin)", "received": "\(receipt.received)",
                "changed": "\(receipt.changed)", "conflictsOpened": "\(receipt.conflictsOpened)",
            ])
        return JSONReply.response(receipt, for: request)
    }

    func pull(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let site = try context.authenticatedSite()
        let query = request.uri.queryParameters
        let replica = try Self.replica(in: query, for: "pull")
        let since = try Self.number(query["since"], name: "since", default: 0)
        let page = try await store.pullPage(replica: replica, since: since, limit: try Self.pageLimit(in: query), for: site)
        return page.response(for: request)
    }

    /// `GET /v1/snapshot?replica=&table=&after=&upTo=&limit=`: a page of the ordered snapshot of one
    /// table (an initial sync), as a pull page whose `through` is the snapshot's sequence.
    func snapshot(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let site = try context.authenticatedSite()
        let query = request.uri.queryParameters
        let replica = try Self.replica(in: query, for: "snapshot")
        guard let table = query["table"].map(String.init), !table.isEmpty else {
            throw ServerError.badRequest(code: "bad_parameter", message: "snapshot needs ?table=<synced table>")
        }
        let after = query["after"].map(String.init) ?? ""
        let upTo = try Self.number(query["upTo"], name: "upTo", default: 0)
        let page = try await store.snapshotPage(
            replica: replica, table: table, after: after, upTo: upTo, limit: try Self.pageLimit(in: query), for: site)
        return page.response(for: request)
    }

    /// The `replica` parameter of a page request (`endpoint` names it in the error).
    static func replica(in query: Parameters, for endpoint: String) throws(ServerError) -> ReplicaID {
        guard let text = query["replica"] else {
            throw .badRequest(code: "bad_parameter", message: "\(endpoint) needs ?replica=<replica id>")
        }
        return try replicaID(String(text))
    }

    /// The `limit` parameter of a page request, capped at `maxPullLimit`.
    static func pageLimit(in query: Parameters) throws(ServerError) -> Int {
        let limit = try number(query["limit"], name: "limit", default: UInt64(defaultPullLimit))
        guard limit >= 1 else { throw .badRequest(code: "bad_parameter", message: "'limit' must be 1 to \(maxPullLimit)") }
        return Int(min(limit, UInt64(maxPullLimit)))
    }

    /// `GET /v1/catalog[?version=N]`: a catalog version as protocol/catalog.json's JSON (the server's
    /// by default), for a replica moving to it.
    func catalog(_ request: Request, context: SyncRequestContext) async throws -> Response {
        _ = try context.authenticatedSite()
        let versions = try await store.catalogVersions()
        let wanted = try Self.number(
            request.uri.queryParameters["version"], name: "version", default: UInt64(versions.current.schemaVersion))
        guard let catalog = versions.byVersion[Int(clamping: wanted)] else {
            throw ServerError.badRequest(
                code: "bad_parameter",
                message: "this server has no catalog version \(wanted); its versions are \(versions.byVersion.keys.sorted().map(String.init).joined(separator: ", "))")
        }
        return JSONReply.response(json: Array(catalog.document.encoded()), for: request)
    }

    func status(_ request: Request, context: SyncRequestContext) async throws -> Response {
        let report = try await store.status(for: try context.authenticatedSite())
        return JSONReply.response(report, for: request)
    }

    /// A replica id from the request: 1 to 64 ASCII letters, digits, '-' or '_'.
    static func replicaID(_ text: String) throws(ServerError) -> ReplicaID {
        guard !text.isEmpty, text.utf8.count <= 64,
            text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") })
        else {
            throw .badRequest(
                code: "bad_parameter", message: "'\(text.prefix(80))' is not a replica id (1 to 64 letters, digits, '-' or '_')")
        }
        return ReplicaID(text)
    }

    /// The pushing replica's unacknowledged writes, `?cuts=COUNTER.TAG,…` (none when absent).
    static func cuts(_ text: Substring?) throws(ServerError) -> [Cut] {
        guard let text else { return [] }
        guard let cuts = Cut.parse(queryText: text) else {
            throw .badRequest(
                code: "bad_parameter",
                message: "'cuts' must be at most \(Cut.maxPerRequest) comma-separated COUNTER.TAG pairs "
                    + "(a counter ≥ 1, a tag of 16 hexadecimal digits), got '\(text.prefix(60))'")
        }
        return cuts
    }

    private static func number(_ text: Substring?, name: String, default value: UInt64) throws(ServerError) -> UInt64 {
        guard let text else { return value }
        guard let number = UInt64(text) else {
            throw .badRequest(code: "bad_parameter", message: "'\(name)' must be a whole number ≥ 0, got '\(text.prefix(40))'")
        }
        return number
    }
}
