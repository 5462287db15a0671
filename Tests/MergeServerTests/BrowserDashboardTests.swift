import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import Testing

/// The dashboard as a person sees it: rendered by a real Chromium, signed in through the Basic auth
/// challenge with the central office's token, on a live server socket.
///
/// Needs Chromium (`apt-get install -y chromium`); fails when it is missing unless
/// `FARELEGAMI_SKIP_BROWSER=1` is set.
@Suite struct BrowserDashboardTests {
    @Test(.enabled(if: !HeadlessBrowser.skipped, "FARELEGAMI_SKIP_BROWSER=1 is set"))
    func aPersonSeesTheSitesTheirLagAndTheConflictsValuesInARealBrowser() async throws {
        let browser = try #require(
            HeadlessBrowser.find(),
            "Chromium is not installed: run 'apt-get install -y chromium' (or set FARELEGAMI_SKIP_BROWSER=1 to skip this test)")
        let fixture = try await Fixture()
        let token = try #require(fixture.tokens["hq"])
        try await fixture.app().test(.live) { client in
            try await CentralOfficeScenario.run(through: client, fixture: fixture)
            let port = try #require(client.port)
            let dom = try await browser.dumpDOM(of: "http://hq:\(token)@127.0.0.1:\(port)/dashboard", windowSize: "390,844")
            let page = HeadlessBrowser.visibleText(of: dom)

            #expect(page.contains("FareLegami Sync · central office"), "signed in, not the 401 page: \(page.prefix(300))")
            let sites = try #require(Self.text(of: page, from: "Sites", to: "Open conflicts"))
            #expect(sites.contains("crema crema-pc-1 2026-05-28 20:26 UTC (just now) 2026-05-28 20:26 UTC (just now) 0 up to date"))
            #expect(sites.contains("cremona cremona-pc-1 2026-05-28 20:26 UTC (just now) never 4 behind 4 changes to pull"))
            #expect(sites.contains("hq (central office) hq-pc-1 never never 4 behind"))
            let conflicts = try #require(Self.text(of: page, from: "Open conflicts (1)", to: "Rows by table"))
            #expect(conflicts.contains(
                "partner p1 name crema \(CentralOfficeScenario.cremonaName) by cremona-pc-1:1 "
                    + "\(CentralOfficeScenario.cremaName) by crema-pc-1:2 shown until resolved"))
            #expect(page.contains("Behind: cremona, hq."))
            #expect(!dom.contains(token), "the token never appears in the page")
        }
    }

    /// The part of `page` between the headings `start` and `end`.
    static func text(of page: String, from start: String, to end: String) -> String? {
        guard let from = page.range(of: start), let to = page.range(of: end, range: from.upperBound..<page.endIndex)
        else { return nil }
        return String(page[from.upperBound..<to.lowerBound])
    }
}
