import Foundation

/// A running server with `sites` registered and one office replica per site, in a fresh temporary
/// directory; `close()` stops the server and removes everything.
public struct SyncFixture {
    public let directory: TemporaryDirectory
    public let server: ServerProcess
    public let offices: [String: Office]

    public init(sites: [String]) throws {
        directory = try TemporaryDirectory()
        server = try ServerProcess(directory: directory, sites: sites)
        try server.start()
        var offices: [String: Office] = [:]
        for site in sites { offices[site] = try Office(site: site, directory: directory, server: server) }
        self.offices = offices
    }

    /// The office of `site`.
    public subscript(site: String) -> Office { offices[site]! }

    /// Has hq insert `count` partners (ids p0...) and sync them to the server.
    public func hqPublishesPartners(_ count: Int) throws {
        let values = (0..<count).map { "('p\($0)', 'Partner \($0)', 'supporter')" }.joined(separator: ", ")
        try self["hq"].write("INSERT INTO partner (id, name, role) VALUES \(values)")
        try self["hq"].syncOrThrow()
    }

    public func close() {
        server.stop()
        directory.remove()
    }
}
