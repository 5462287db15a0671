/// What a member of an office's staff may do in the office app.
public enum StaffRole: String, Sendable, CaseIterable {
    /// Enters and corrects the office's records, syncs, resolves the office's own conflicts.
    case operator_ = "operator"
    /// An operator who also reads the log of who opened beneficiaries' records.
    case coordinator
    /// At the central office (hq) only: resolves conflicts and reports to the funder; an operator
    /// or coordinator at hq sees conflicts but does not resolve them.
    case centralAdmin = "central_admin"

    /// Whether this role resolves conflicts on a replica of the central office (`central`) or of an office.
    func resolvesConflicts(central: Bool) -> Bool { !central || self == .centralAdmin }
}
