import Foundation
import ReplicaStore
import SyncProtocol

/// What the central office asks the server directly, with its replica's saved settings (server
/// URL, token): every site's sync status, and retiring a replica that will never come back.
public struct CentralOfficeDesk {
    private let api: ServerAPI

    /// The server the replica at hand syncs with.
    ///
    /// - Throws: `SyncError.notConfigured` / `.noToken` when the replica has no server or token.
    public init(replica: Replica, options: TransportOptions = TransportOptions()) throws(SyncError) {
        let settings = try SyncSettings.load(from: replica)
        var options = options
        if options.caCertificatePath == nil { options.caCertificatePath = settings.caCertificate }
        api = try ServerAPI(baseURL: settings.serverURL, token: try settings.token(), options: options, catalog: replica.catalog)
    }

    /// The sync status of every site the token may see (`GET /v1/status`).
    public func status() throws(SyncError) -> StatusReport {
        try api.decode(StatusReport.self, from: api.send("GET", "/v1/status", body: []))
    }

    /// Retires `replica` (`POST /v1/replicas/{replica}/retire`, central office only).
    public func retire(_ replica: String) throws(SyncError) -> RetireReceipt {
        guard !replica.isEmpty, replica.count <= 64, replica.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw .invalidSetting("'\(replica)' is not a replica id")
        }
        return try api.decode(RetireReceipt.self, from: api.send("POST", "/v1/replicas/\(replica)/retire", body: []))
    }
}
