import Foundation
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

/// `farelegami-server status`: every site's progress and the open conflicts, read from the store.
@Suite struct StatusCommandTests {
    @Test func theStatusTableShowsEachReplicasPushPullAndLagAndTheConflictsByTable() async throws {
        let fixture = try await Fixture()
        try await CentralOfficeScenario.run(on: fixture)
        let report = try await fixture.store.status(for: .centralOffice)
        let lines = report.textTable(now: Fixture.clock().addingTimeInterval(3_600)).split(separator: "\n").map(String.init)

        let epoch = await fixture.store.epoch
        #expect(lines.first == "latest server sequence 4 · epoch \(epoch) · schema version 1")
        let crema = try #require(lines.first { $0.hasPrefix("crema ") })
        #expect(crema.contains("crema-pc-1"))
        #expect(crema.contains("2026-05-28 20:26 UTC (1 h ago)"), "last push and pull, with their age")
        #expect(crema.hasSuffix("4       0  v1"), "pulled through 4, behind 0, schema version 1: \(crema)")
        let cremona = try #require(lines.first { $0.hasPrefix("cremona ") })
        #expect(cremona.contains("never"), "cremona never pulled")
        #expect(cremona.hasSuffix("0       4  v1"), "pulled through 0, behind 4: \(cremona)")
        let hq = try #require(lines.first { $0.hasPrefix("hq (central)") })
        #expect(hq.hasSuffix("0       4  v1"))
        #expect(lines.suffix(2) == ["open conflicts by table:", "  partner  1"])
    }

    @Test func theStatusCommandReadsTheStoreFileWithoutAServer() async throws {
        let fixture = try await Fixture()
        try await CentralOfficeScenario.run(on: fixture)
        let text = try ServerBinary.run(["status", "--store", fixture.configuration.databasePath])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("crema-pc-1"))
        #expect(text.stdout.contains("partner  1"))

        let json = try ServerBinary.run(["status", "--store", fixture.configuration.databasePath, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try JSONDecoder().decode(StatusReport.self, from: Data(json.stdout.utf8))
        #expect(report.central && report.latestSequence == CentralOfficeScenario.latestSequence)
        #expect(report.openConflicts == ["partner": 1])
        let behind = Dictionary(uniqueKeysWithValues: report.sites.flatMap(\.replicas).map { ($0.replica, $0.behind) })
        #expect(behind == ["crema-pc-1": 0, "cremona-pc-1": 4, "hq-pc-1": 4])
        #expect(report.sites.map(\.site) == ["crema", "cremona", "hq"])
    }

    @Test func theStatusCommandNamesAMissingStore() throws {
        let result = try ServerBinary.run(["status", "--db", "/nonexistent/central.sqlite"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("farelegami-server init --db /nonexistent/central.sqlite"))
    }
}

/// The built `farelegami-server`, next to the test bundle (`swift test` builds it).
enum ServerBinary {
    static var path: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("farelegami-server").path
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the server executable with `arguments` to completion.
    static func run(_ arguments: [String]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw MissingBinary(path: path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    struct MissingBinary: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is not built: run 'swift build' (swift test builds it) before these tests" }
    }
}
