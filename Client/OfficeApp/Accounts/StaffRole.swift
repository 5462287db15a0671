/// What a member of an office's staff may do in the office app.
public enum StaffRole: String, Sendable, CaseIterable {
    /// Enters and corrects the office's records, syncs, resolves the office's own conflicts.
    case operator_ = "operator"
    /// An operator who also reads the log of who opened beneficiaries' records.
    case coordinator
}
