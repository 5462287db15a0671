import SyncCore

extension Bench {
    /// The core merge of `rows` concurrent row versions in memory, no I/O: pairs are built and
    /// decoded from JSON in chunks of a pull page (not timed) and merged (timed).
    func merge(into report: inout BenchReport) throws {
        let total = parameters.rows
        // Pairs are built a pull page at a time, as apply merges a page's rows right after decoding
        // them; 50K pairs at once (100+ MB) left them cold in memory by the time they were merged.
        let chunk = min(2_000, total)
        var merged = 0
        var seconds = 0.0
        var conflicts = 0
        while merged < total {
            let count = min(chunk, total - merged)
            let pairs = try (merged..<merged + count).map { try MergePairs.decodedPair($0) }
            seconds += Stopwatch.seconds {
                for (local, remote) in pairs {
                    let outcome = RowVersion.merge(local: local, remote: remote)
                    if outcome.changed { conflicts &+= outcome.merged.fields.count }
                }
            }
            merged += count
        }
        guard conflicts > 0 else { throw BenchError("merge produced nothing") }
        report.add("merge_versions_per_s", "core merge of concurrent row versions (in memory)", Double(total) / seconds, "versions/s")
    }
}

/// Concurrent versions of one need_report row: two replicas edited different fields, and one field
/// both edited (a conflict).
enum MergePairs {
    static let a = ReplicaID("k3v5q2m7x9t4w8r2c6n1")
    static let b = ReplicaID("p8d4h6j2w9c3x5m7q1z2")

    /// `pair(index)` as apply meets it: both sides decoded from their JSON (the stored state and the
    /// pulled row), so their field dictionaries are built independently, not copied from each other.
    static func decodedPair(_ index: Int) throws -> (RowVersion, RowVersion) {
        let (local, remote) = pair(index)
        return (try RowVersionJSON.decode(RowVersionJSON.encode(local)), try RowVersionJSON.decode(RowVersionJSON.encode(remote)))
    }

    static func pair(_ index: Int) -> (RowVersion, RowVersion) {
        let id = "0190f3a2-\(index)-7abc-8def-000000000000"
        let base = UInt64(index % 1_000 + 10)
        let createdBy = Dot(replica: a, counter: 1)
        func field(_ dot: Dot, _ text: String) -> [Sibling] { [Sibling(dot: dot, value: .text(text))] }
        var fields: [String: [Sibling]] = [
            "site_id": field(createdBy, "crema"), "civic_center_id": field(createdBy, "cc-\(index % 50)"),
            "reported_on": field(createdBy, "2026-05-01"), "category": field(createdBy, "housing"),
            "urgency": field(createdBy, "medium"), "status": field(createdBy, "new"),
            "description": field(createdBy, "Richiesta di supporto \(index): accompagnamento ai servizi"),
            "answered_on": [Sibling(dot: createdBy, value: .null)], "response": [Sibling(dot: createdBy, value: .null)],
        ]
        let live = [Sibling(dot: createdBy, value: .integer(1))]
        var local = RowVersion(
            table: "need_report", id: id, clock: VersionVector([a: base, b: 2]), live: live, fields: fields)
        local.fields["urgency"] = field(Dot(replica: a, counter: base), "high")
        local.fields["status"] = field(Dot(replica: a, counter: base), "triaged")
        fields["response"] = field(Dot(replica: b, counter: 3), "risposta \(index)")
        fields["status"] = field(Dot(replica: b, counter: 3), "answered")
        let remote = RowVersion(
            table: "need_report", id: id, clock: VersionVector([a: 1, b: 3]), live: live, fields: fields)
        return (local, remote)
    }
}
