import SyncCore
import SyncWire

extension Bench {
    /// The core merge of `rows` concurrent row versions in memory, no I/O, as apply meets them:
    /// the remote versions decoded a pull page at a time, each local state decoded from its JSON
    /// just before it is merged in place (`RowVersion.merge(_:)`). Decoding is not timed; the merges
    /// are, 50 at a time. Also measured, on a quarter as many other pairs: the pure
    /// `merge(local:remote:)`, which leaves the local state as it is and returns a new one (the
    /// server's push plan merges so).
    func merge(into report: inout BenchReport) throws {
        let total = parameters.rows
        let inPlace = try timedMerges(total, offset: 0, inPlace: true)
        // A quarter as many pairs: a figure for comparison, with no target.
        let copied = max(1, total / 4)
        let copying = try timedMerges(copied, offset: total, inPlace: false)
        report.add("merge_versions_per_s", "core merge of concurrent row versions (in memory)", Double(total) / inPlace, "versions/s")
        report.add(
            "merge_copy_versions_per_s", "core merge into a new state, local kept (in memory)", Double(copied) / copying,
            "versions/s")
        try wideFieldMerge(into: &report)
    }

    /// Seconds spent merging `total` pairs (from pair `offset` on), in place or into new states.
    private func timedMerges(_ total: Int, offset: Int, inPlace: Bool) throws -> Double {
        // A page of remote versions at a time, as apply decodes a pulled page before merging its rows;
        // 50K pairs at once (100+ MB) left them cold in memory by the time they were merged.
        let page = min(2_000, total)
        let batch = 50
        var merged = 0
        var seconds = 0.0
        var changed = 0
        var conflicts = 0
        while merged < total {
            let count = min(page, total - merged)
            let first = offset + merged
            let pairs = (first..<first + count).map(MergePairs.pair)
            let remotes = try pairs.map { try MergePairs.decoded($0.remote) }
            var start = 0
            while start < count {
                let end = min(start + batch, count)
                var locals = try pairs[start..<end].map { try MergePairs.decoded($0.local) }
                if inPlace {
                    seconds += Stopwatch.seconds {
                        for index in locals.indices where locals[index].merge(remotes[start + index]) {
                            changed &+= 1
                        }
                    }
                } else {
                    var outcomes: [MergeOutcome] = []
                    outcomes.reserveCapacity(locals.count)
                    seconds += Stopwatch.seconds {
                        for index in locals.indices {
                            outcomes.append(RowVersion.merge(local: locals[index], remote: remotes[start + index]))
                        }
                    }
                    changed += outcomes.count { $0.changed }
                    locals = outcomes.map(\.merged)
                }
                // Read back (not timed): each merged state holds the conflict both replicas wrote.
                conflicts += locals.count { $0.conflictingColumns == ["status"] }
                start = end
            }
            merged += count
        }
        guard changed == total, conflicts == total else {
            throw BenchError("merge changed \(changed) and left \(conflicts) in conflict of \(total) states, expected all")
        }
        return seconds
    }
}

/// Concurrent versions of one need_report row: two replicas edited different fields, and one field
/// both edited (a conflict).
enum MergePairs {
    static let a = ReplicaID("k3v5q2m7x9t4w8r2c6n1")
    static let b = ReplicaID("p8d4h6j2w9c3x5m7q1z2")

    /// `version` as apply meets it: decoded from its JSON (the stored state, the pulled row), so two
    /// versions' field dictionaries are built independently, not copied from each other.
    static func decoded(_ version: RowVersion) throws -> RowVersion {
        try RowVersionJSON.decode(RowVersionJSON.encode(version))
    }

    static func pair(_ index: Int) -> (local: RowVersion, remote: RowVersion) {
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
