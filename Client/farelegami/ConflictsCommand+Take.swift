import ArgumentParser
import ReplicaStore
import SyncProtocol

extension ConflictsCommand.Resolve {
    /// The dot of the side `--take` names in conflict `id`: by number, office or `replica:counter`.
    /// A form that names no side, or a conflict this replica may not resolve, is refused with one line.
    func takenSide(_ take: String, in replica: Replica) throws -> Dot {
        do {
            let choice = try SideChoice(parsing: take)
            guard let conflict = try replica.openConflicts().first(where: { $0.id == id }) else {
                throw ReplicaError.noSuchConflict(id)
            }
            try replica.requireMayResolve(conflict)
            return try choice.dot(in: replica.describe(conflict))
        } catch ReplicaError.invalidResolution(let detail) {
            throw ConflictText.refuse("cannot resolve: \(detail)")
        } catch ReplicaError.noSuchConflict(let id) {
            throw ConflictText.refuse(ReplicaError.noSuchConflict(id).description)
        }
    }
}
