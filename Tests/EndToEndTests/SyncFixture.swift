import Foundation

/// A running server with `sites` registered and one office replica per site, in a fresh temporary
/// directory; `close()` stops the server and removes everything.
struct SyncFixture {
    let directory: TemporaryDirectory
    let server: ServerProcess
    let offices: [String: Office]

    init(sites: [String]) throws {
        directory = try TemporaryDirectory()
        server = try ServerProcess(directory: directory, sites: sites)
        try server.start()
        var offices: [String: Office] = [:]
        for site in sites { offices[site] = try Office(site: site, directory: directory, server: server) }
        self.offices = offices
    }

    /// The office of `site`.
    subscript(site: String) -> Office { offices[site]! }

    /// Has hq insert `count` partners (ids p0...) and sync them to the server.
    func hqPublishesPartners(_ count: Int) throws {
        let values = (0..<count).map { "('p\($0)', 'Partner \($0)', 'supporter')" }.joined(separator: ", ")
        try self["hq"].write("INSERT INTO partner (id, name, role) VALUES \(values)")
        try self["hq"].syncOrThrow()
    }

    func close() {
        server.stop()
        directory.remove()
    }
}
