import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MergeServer
import SyncCore
import SyncProtocol
import Testing

/// `GET /metrics`: Prometheus' text format, for the central office's token or the operator's metrics token.
@Suite struct MetricsTests {
    @Test func metricsExposeTheCountersAfterPushes() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            try await CentralOfficeScenario.run(through: client, fixture: fixture)
            let response = try await client.execute(uri: "/metrics", method: .get, headers: .bearer(fixture.tokens["hq"]))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let samples = Self.samples(response.text)
            #expect(samples["farelegami_pushes_total"] == 3)
            #expect(samples["farelegami_pulls_total"] == 1)
            #expect(samples["farelegami_rows_merged_total"] == 4)
            #expect(samples["farelegami_conflicts_opened_total"] == 1)
            #expect(samples["farelegami_conflicts_resolved_total"] == 0)
            #expect(samples[#"farelegami_http_requests_total{route="/v1/push",status="200"}"#] == 3)
            #expect(samples[#"farelegami_http_requests_total{route="/v1/pull",status="200"}"#] == 1)
            #expect(samples[#"farelegami_site_lag_sequences{site="crema"}"#] == 0)
            #expect(samples[#"farelegami_site_lag_sequences{site="cremona"}"#] == 4)
            #expect(samples[#"farelegami_open_conflicts{table="partner"}"#] == 1)
            #expect(samples[#"farelegami_open_conflicts{table="household"}"#] == 0)
            #expect(samples["farelegami_latest_sequence"] == 4)
            #expect(response.text.contains("# TYPE farelegami_pushes_total counter"))
        }
    }

    @Test func resolvingAConflictCountsItAsResolved() async throws {
        let fixture = try await Fixture()
        try await CentralOfficeScenario.run(on: fixture)
        let state = try #require(try await fixture.store.pull(
            replica: Replicas.hq, since: 0, limit: 100, for: Fixture.authenticated("hq")).rows.first { $0.table == "partner" })
        let resolved = Rows.update(state, ["name": .text("Iride")], by: Replicas.hq, counter: 1)
        _ = try await fixture.store.push(Rows.changeSet([resolved], from: Replicas.hq, site: "hq"), from: Fixture.authenticated("hq"))
        try await fixture.app().test(.router) { client in
            let samples = Self.samples(try await client.execute(uri: "/metrics", method: .get, headers: .bearer(fixture.tokens["hq"])).text)
            #expect(samples["farelegami_conflicts_resolved_total"] == 1)
            #expect(samples[#"farelegami_open_conflicts{table="partner"}"#] == 0)
        }
    }

    @Test func refusedAndUnknownRequestsAreCountedByStatusWithoutTheRawPath() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            _ = try await client.status(token: "wrong")
            _ = try await client.execute(uri: "/no/such/path/\(UUID())", method: .get)
            _ = try await client.dashboard(headers: [:])
            let text = try await client.execute(uri: "/metrics", method: .get, headers: .bearer(fixture.tokens["hq"])).text
            let samples = Self.samples(text)
            #expect(samples[#"farelegami_http_requests_total{route="/v1/status",status="401"}"#] == 1)
            #expect(samples[#"farelegami_http_requests_total{route="NotFound",status="404"}"#] == 1)
            #expect(samples[#"farelegami_http_requests_total{route="/dashboard",status="401"}"#] == 1)
            #expect(!text.contains("/no/such/path"))
        }
    }

    @Test func metricsNeedTheCentralOfficesTokenWhileHealthStaysOpen() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            let none = try await client.execute(uri: "/metrics", method: .get)
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            #expect(!none.text.contains("farelegami_"))
            let wrong = try await client.execute(uri: "/metrics", method: .get, headers: .bearer("not-a-token"))
            #expect(wrong.status == .unauthorized && !wrong.text.contains("crema"))
            let site = try await client.execute(uri: "/metrics", method: .get, headers: .bearer(fixture.tokens["crema"]))
            #expect(site.status == .forbidden && site.errorBody?.error.code == "forbidden")
            #expect(!site.text.contains("cremona"), "a site's token learns nothing of other sites")
            let central = try await client.execute(uri: "/metrics", method: .get, headers: .bearer(fixture.tokens["hq"]))
            #expect(central.status == .ok && central.text.contains("farelegami_latest_sequence"))
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
        }
    }

    @Test func theOperatorsMetricsTokenReadsMetricsAndNothingElse() async throws {
        let token = AccessToken.generate()
        let fixture = try await Fixture(metricsToken: token)
        try await fixture.app().test(.router) { client in
            let bearer = try await client.execute(uri: "/metrics", method: .get, headers: .bearer(token))
            #expect(bearer.status == .ok && bearer.text.contains("farelegami_site_lag_sequences"))
            let basic = "Basic " + Data("prometheus:\(token)".utf8).base64EncodedString()
            let viaBasic = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: basic])
            #expect(viaBasic.status == .ok)
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: .bearer(token + "0")).status
                == .unauthorized)
            #expect(try await client.status(token: token).status == .unauthorized, "the metrics token cannot sync")
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: .bearer(fixture.tokens["hq"])).status
                == .ok, "the central office's token still works")
        }
    }

    @Test func wrongMetricsTokensCountTowardsTheFailureLimit() async throws {
        let fixture = try await Fixture()
        try await fixture.app().test(.router) { client in
            for attempt in 0..<10 {
                let answer = try await client.execute(uri: "/metrics", method: .get, headers: .bearer("guess-\(attempt)"))
                #expect(answer.status == .unauthorized)
            }
            let refused = try await client.execute(uri: "/metrics", method: .get, headers: .bearer(fixture.tokens["hq"]))
            #expect(refused.status == .tooManyRequests)
        }
    }

    @Test func hashesCompareEqualOnlyWhenEqual() {
        let hash = AccessToken.hash("a")
        #expect(AccessToken.constantTimeEqual(hash, AccessToken.hash("a")))
        #expect(!AccessToken.constantTimeEqual(hash, AccessToken.hash("b")))
        #expect(!AccessToken.constantTimeEqual(hash, String(hash.dropLast())))
    }

    /// The samples of a text exposition, by series (name and labels).
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
