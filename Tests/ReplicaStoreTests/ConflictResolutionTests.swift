import Foundation
import ReplicaStore
import SyncCore
import SyncProtocol
import Testing

/// Concurrent edits are listed on every replica, and a resolution made at one replica (the central
/// office) closes the conflict everywhere once it is exchanged.
@Suite struct ConflictResolutionTests {
    enum FieldChoice: String, CaseIterable, Sendable {
        case takeOneSide, typeAValue
    }

    @Test(arguments: FieldChoice.allCases)
    func aConflictResolvedAtOneReplicaClosesOnEveryReplica(_ choice: FieldChoice) throws {
        try withTemporaryDirectory { directory in
            let (crema, colleague, hq) = try offices(in: directory)
            let replicas = [crema, colleague, hq]
            try crema.sql("INSERT INTO household (id, code, adults) VALUES ('h1', 'A1', 2)")
            try exchangeAll(replicas)
            try crema.sql("UPDATE household SET adults = 3 WHERE id = 'h1'")
            try colleague.sql("UPDATE household SET adults = 4 WHERE id = 'h1'")
            try exchangeAll(replicas)

            for replica in replicas {
                let conflicts = try replica.openConflicts()
                #expect(conflicts.map { "\($0.table)/\($0.rowID).\($0.column)" } == ["household/h1.adults"])
                #expect(Set(conflicts.first?.sides.map(\.value) ?? []) == [.integer(3), .integer(4)])
                #expect(conflicts.first?.rowDeleted == false)
            }
            // Every replica shows the same provisional value meanwhile.
            let shown = try crema.values("household", "h1")?["adults"]
            #expect(try colleague.values("household", "h1")?["adults"] == shown)
            #expect(try hq.values("household", "h1")?["adults"] == shown)

            let conflict = try #require(try hq.openConflicts().first)
            let expected: FieldValue
            switch choice {
            case .takeOneSide:
                let side = try #require(conflict.sides.first { $0.value == .integer(4) })
                try hq.resolve(conflict: conflict.id, with: .take(Dot(replica: ReplicaID(side.replica), counter: side.counter)))
                expected = .integer(4)
            case .typeAValue:
                try hq.resolve(conflict: conflict.id, with: .typedValue("5"))
                expected = .integer(5)
            }
            #expect(try hq.openConflicts().isEmpty)
            try exchangeAll(replicas)
            for replica in replicas {
                #expect(try replica.openConflicts().isEmpty, "\(replica.site) still lists a conflict")
                #expect(try replica.values("household", "h1")?["adults"] == expected)
                #expect(try replica.rowVersion(table: "household", id: "h1")?.conflictingColumns == [])
            }
        }
    }

    enum DeleteChoice: String, CaseIterable, Sendable {
        case keepTheRowDeleted, takeTheUpdate
    }

    @Test(arguments: DeleteChoice.allCases)
    func aDeleteConcurrentWithAnUpdateIsListedAndItsResolutionReachesEveryReplica(_ choice: DeleteChoice) throws {
        try withTemporaryDirectory { directory in
            let (crema, colleague, hq) = try offices(in: directory)
            let replicas = [crema, colleague, hq]
            try crema.sql("INSERT INTO household (id, code, municipality, adults) VALUES ('h1', 'A1', 'Crema', 2)")
            try exchangeAll(replicas)
            try crema.sql("UPDATE household SET code = 'B2' WHERE id = 'h1'")
            try colleague.sql("DELETE FROM household WHERE id = 'h1'")
            try exchangeAll(replicas)

            for replica in replicas {
                let conflicts = try replica.openConflicts()
                #expect(conflicts.map(\.column) == [RowVersion.liveColumn], "one conflict, on the row's existence")
                #expect(conflicts.first?.rowDeleted == true)
                let sides = conflicts.first?.sides ?? []
                #expect(sides.filter(\.isDelete).count == 1)
                #expect(sides.filter { !$0.isDelete }.count == 1)
                #expect(conflicts.first?.provisionalWinner.isDelete == true, "the row is shown deleted")
                let kept = try #require(conflicts.first?.deleteContest?.keptValues, "\(replica.site) holds no retained copy")
                #expect(kept["code"] == .text("B2") && kept["municipality"] == .text("Crema") && kept["adults"] == .integer(2))
                #expect(try replica.values("household", "h1") == nil, "a row deleted on one side is not shown")
            }

            let conflict = try #require(try hq.openConflicts().first)
            switch choice {
            case .keepTheRowDeleted:
                try hq.resolve(conflict: conflict.id, with: .deleteRow)
            case .takeTheUpdate:
                let update = try #require(conflict.sides.first { !$0.isDelete })
                try hq.resolve(conflict: conflict.id, with: .take(Dot(replica: ReplicaID(update.replica), counter: update.counter)))
            }
            try exchangeAll(replicas)
            for replica in replicas {
                #expect(try replica.openConflicts().isEmpty, "\(replica.site) still lists a conflict")
                let state = try #require(try replica.rowVersion(table: "household", id: "h1"))
                #expect(state.conflictingColumns == [])
                switch choice {
                case .keepTheRowDeleted:
                    #expect(!state.isLive)
                    #expect(try replica.values("household", "h1") == nil)
                    let kept = state.fields.filter { $0.key != "site_id" }.values.flatMap { $0 }.filter { $0.value != .null }
                    #expect(kept.isEmpty, "the deleted row's state keeps \(kept)")
                case .takeTheUpdate:
                    #expect(state.isLive)
                    let values = try replica.values("household", "h1")
                    #expect(values?["code"] == .text("B2"))
                    #expect(values?["site_id"] == .text("crema"))
                    #expect(values?["municipality"] == .text("Crema") && values?["adults"] == .integer(2), "the whole row is back")
                }
                #expect(try replica.retainedView(table: "household", id: "h1") == nil, "\(replica.site) keeps a retained copy")
                #expect(try replica.rows(of: "household") == hq.rows(of: "household"))
            }
        }
    }

    @Test func aResolutionNamingNoSideOfTheConflictIsRefused() throws {
        try withTemporaryDirectory { directory in
            let (crema, colleague, hq) = try offices(in: directory)
            let replicas = [crema, colleague, hq]
            try crema.sql("INSERT INTO partner (id, name) VALUES ('p1', 'CISVOL')")
            try exchangeAll(replicas)
            try crema.sql("UPDATE partner SET role = 'lead' WHERE id = 'p1'")
            try colleague.sql("UPDATE partner SET role = 'partner' WHERE id = 'p1'")
            try exchangeAll(replicas)
            let conflict = try #require(try hq.openConflicts().first)
            let before = try hq.snapshot()

            let stranger = Dot(replica: ReplicaID("nobody"), counter: 1)
            #expect(throws: ReplicaError.self) { try hq.resolve(conflict: conflict.id, with: .take(stranger)) }
            #expect(throws: ReplicaError.self) { try hq.resolve(conflict: conflict.id, with: .typedValue("boss")) }
            #expect(throws: ReplicaError.self) { try hq.resolve(conflict: conflict.id + 100, with: .deleteRow) }
            #expect(try hq.snapshot() == before)
        }
    }

    /// Two crema offices and the central office.
    private func offices(in directory: String) throws -> (Replica, Replica, Replica) {
        (try Replica.fresh(in: directory, "crema"), try Replica.fresh(in: directory, "crema-2"),
         try Replica.fresh(in: directory, "hq", site: "hq"))
    }

    /// Every replica sends everything to every other, in a fixed order.
    private func exchangeAll(_ replicas: [Replica]) throws {
        for source in replicas {
            for target in replicas where target !== source {
                try source.send(to: target)
            }
        }
    }
}
