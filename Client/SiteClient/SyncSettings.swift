import Foundation
import ReplicaStore

/// Where a replica syncs to and how it proves who it is. Stored in the replica (the token itself is
/// not: only the path of the file that holds it, or `FARELEGAMI_TOKEN`).
public struct SyncSettings: Sendable, Equatable {
    /// The merge server's base URL (`https://central.example:8443`).
    public var serverURL: String
    /// The file holding the site's token, if any.
    public var tokenFile: String?
    /// A private CA certificate (PEM) to verify the server with, if any.
    public var caCertificate: String?

    /// Settings for `serverURL`.
    public init(serverURL: String, tokenFile: String? = nil, caCertificate: String? = nil) {
        self.serverURL = serverURL
        self.tokenFile = tokenFile
        self.caCertificate = caCertificate
    }

    /// Keys of the settings in the replica's `_fl_meta`.
    enum Key {
        static let serverURL = "server_url"
        static let tokenFile = "token_file"
        static let caCertificate = "ca_certificate"
    }

    /// The settings saved in `replica`.
    ///
    /// - Throws: `SyncError.notConfigured` when no server was set.
    public static func load(from replica: Replica) throws(SyncError) -> SyncSettings {
        let url: String?, tokenFile: String?, caCertificate: String?
        do {
            url = try replica.meta(Key.serverURL)
            tokenFile = try replica.meta(Key.tokenFile)
            caCertificate = try replica.meta(Key.caCertificate)
        } catch {
            throw .replica(error)
        }
        guard let url else { throw .notConfigured(path: replica.path) }
        return SyncSettings(serverURL: url, tokenFile: tokenFile, caCertificate: caCertificate)
    }

    /// Saves the settings into `replica`.
    ///
    /// - Throws: `SyncError.invalidSetting` for a URL that is not http(s) or a file that does not exist.
    public func save(to replica: Replica) throws(SyncError) {
        try validate()
        do {
            try replica.setMeta(Key.serverURL, serverURL.hasSuffix("/") ? String(serverURL.dropLast()) : serverURL)
            try replica.setMeta(Key.tokenFile, tokenFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
            try replica.setMeta(Key.caCertificate, caCertificate.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        } catch {
            throw .replica(error)
        }
    }

    /// Checks the settings without saving them.
    ///
    /// - Throws: `SyncError.invalidSetting` for a URL that is not http(s) or a file that does not exist.
    public func validate() throws(SyncError) {
        guard let url = URL(string: serverURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw .invalidSetting("server URL '\(serverURL)' must look like http://HOST:PORT or https://HOST:PORT")
        }
        for file in [tokenFile, caCertificate].compactMap({ $0 }) where !FileManager.default.fileExists(atPath: file) {
            throw .invalidSetting("no file at \(file)")
        }
    }

    /// The site's token: `FARELEGAMI_TOKEN` if set, else the token file's first line.
    ///
    /// - Throws: `SyncError.noToken` when neither gives one.
    public func token(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SyncError) -> String {
        if let token = environment["FARELEGAMI_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            return token
        }
        guard let tokenFile else { throw .noToken(detail: "no token file was given and FARELEGAMI_TOKEN is not set") }
        guard let data = FileManager.default.contents(atPath: tokenFile),
            let token = String(data: data, encoding: .utf8)?.split(whereSeparator: \.isNewline).first
                .map({ $0.trimmingCharacters(in: .whitespaces) }),
            !token.isEmpty
        else { throw .noToken(detail: "cannot read a token from \(tokenFile)") }
        return token
    }
}
