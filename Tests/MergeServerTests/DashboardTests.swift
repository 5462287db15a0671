import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

/// `GET /dashboard`: the central office's page of sites, conflicts and totals.
@Suite struct DashboardTests {
    @Test func theDashboardShowsTheSitesTheirLagAndBothValuesOfAConflict() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            try await CentralOfficeScenario.run(through: client, fixture: fixture)
            let response = try await client.dashboard(headers: .bearer(fixture.tokens["hq"]))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.headers[.cacheControl] == "no-store")
            let html = response.text
            let cremona = try #require(Self.row(containing: "cremona-pc-1", in: html))
            #expect(cremona.contains(#"<td data-label="Lag" class="num">4</td>"#))
            #expect(cremona.contains("behind") && cremona.contains("4 changes to pull"))
            let crema = try #require(Self.row(containing: "crema-pc-1", in: html))
            #expect(crema.contains("up to date") && crema.contains("2026-05-28 20:26 UTC (just now)"))
            let conflict = try #require(Self.row(containing: "<code>p1</code>", in: html))
            #expect(conflict.contains(CentralOfficeScenario.cremaName) && conflict.contains(CentralOfficeScenario.cremonaName))
            #expect(conflict.contains(#"<td data-label="Column">name</td>"#))
            #expect(conflict.contains("by <code>cremona-pc-1:1</code>") && conflict.contains("by <code>crema-pc-1:2</code>"))
            let shown = try #require(conflict.range(of: #"<div class="side shown">"#))
            #expect(conflict[shown.upperBound...].hasPrefix(#"<div class="value">\#(CentralOfficeScenario.cremaName)</div>"#))
            #expect(html.contains("Open conflicts (1)"))
        }
    }

    @Test func theDashboardCountsRowsByTableAndBySiteForSiteClassTables() async throws {
        let fixture = try await Fixture()
        try await CentralOfficeScenario.run(on: fixture)
        try await fixture.app().test(.router) { client in
            let page = try await client.dashboard(headers: .bearer(fixture.tokens["hq"])).text
            let html = try #require(page.components(separatedBy: #"<section id="totals">"#).last)
            let household = try #require(Self.row(containing: #"<td data-label="Table">household</td>"#, in: html))
            #expect(household.contains(#"<td data-label="Rows" class="num">1</td>"#))
            #expect(household.contains("crema: 1"))
            let partner = try #require(Self.row(containing: #"<td data-label="Table">partner</td>"#, in: html))
            #expect(partner.contains(#"<td data-label="Rows" class="num">1</td>"#) && partner.contains("shared by every site"))
            let pact = try #require(Self.row(containing: #"<td data-label="Table">pact</td>"#, in: html))
            #expect(pact.contains("per site") && pact.contains("no rows yet"))
        }
    }

    @Test func aSiteThatHasNotSyncedForMoreThanTwoDaysIsMarkedBehind() async throws {
        let fixture = try await Fixture()
        try await CentralOfficeScenario.run(on: fixture)
        let threeDaysLater: @Sendable () -> Date = { Fixture.clock().addingTimeInterval(3 * 86_400) }
        try await fixture.app(now: threeDaysLater).test(.router) { client in
            let html = try await client.dashboard(headers: .bearer(fixture.tokens["hq"])).text
            let crema = try #require(Self.row(containing: "crema-pc-1", in: html))
            #expect(crema.contains("behind") && crema.contains("no sync for 3 days"))
            #expect(crema.contains("(3 days ago)"))
            #expect(html.contains("<strong>Behind:</strong> crema, cremona, hq."))
        }
    }

    @Test func theCentralTokenWorksAsTheBasicAuthPasswordWithAnyUserName() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let response = try await client.dashboard(headers: .basic(user: "anyone", password: fixture.tokens["hq"]!))
            #expect(response.status == .ok)
            #expect(response.text.contains("FareLegami Sync · central office"))
        }
    }

    @Test func withoutCredentialsTheBrowserIsAskedForBasicAuth() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            for headers: HTTPFields in [[:], .basic(user: "hq", password: "wrong"), .bearer("wrong")] {
                let response = try await client.dashboard(headers: headers)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == #"Basic realm="FareLegami central office", charset="UTF-8""#)
                #expect(!response.text.contains("Iride"))
            }
        }
    }

    @Test func aSiteTokenIsForbidden() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            for headers: HTTPFields in [.bearer(fixture.tokens["crema"]), .basic(user: "hq", password: fixture.tokens["crema"]!)] {
                let response = try await client.dashboard(headers: headers)
                #expect(response.status == .forbidden)
                #expect(response.text.contains("the dashboard is for the central office (hq) only"))
            }
        }
    }

    @Test func valuesAreHTMLEscaped() async throws {
        let fixture = try await Fixture()
        let partner = Rows.partner("p<1>", name: #"<script>alert("x")</script>"#, site: "crema", by: Replicas.crema)
        let edit = Rows.update(partner, ["name": .text("<b>bold</b> & co")], by: Replicas.crema, counter: 2)
        let concurrent = Rows.update(partner, ["name": .text("'quoted'")], by: Replicas.cremona, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([partner], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        _ = try await fixture.store.push(Rows.changeSet([edit], from: Replicas.crema, site: "crema"), from: Fixture.authenticated("crema"))
        _ = try await fixture.store.push(Rows.changeSet([concurrent], from: Replicas.cremona, site: "cremona"), from: Fixture.authenticated("cremona"))
        try await fixture.app().test(.router) { client in
            let html = try await client.dashboard(headers: .bearer(fixture.tokens["hq"])).text
            #expect(!html.contains("<script") && !html.contains("<b>"))
            #expect(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; co") && html.contains("&#39;quoted&#39;"))
            #expect(html.contains("<code>p&lt;1&gt;</code>"))
        }
    }

    /// The `<tr>…</tr>` of `html` that contains `text`.
    static func row(containing text: String, in html: String) -> String? {
        html.components(separatedBy: "<tr").first { $0.contains(text) }
    }
}

extension TestClientProtocol {
    func dashboard(headers: HTTPFields) async throws -> TestResponse {
        try await execute(uri: "/dashboard", method: .get, headers: headers)
    }
}

extension HTTPFields {
    static func basic(user: String, password: String) -> HTTPFields {
        [.authorization: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
    }
}
