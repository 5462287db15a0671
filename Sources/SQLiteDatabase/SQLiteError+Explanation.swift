extension SQLiteError {
    /// What went wrong, in words a person can act on, for an operation on `file` ("the replica file",
    /// "the server store"): locked, disk full, read-only, or a failed write; SQLite's own message
    /// for anything else. Every such failure changed nothing (each operation is one transaction).
    public func explanation(of file: String) -> String {
        if isBusy { return "\(file) is locked by another process; try again when it finishes" }
        if isDiskFull { return "the disk is full; free some space and try again (nothing was changed)" }
        if isReadOnly { return "\(file) is read-only; check its permissions" }
        if isIOError {
            return "cannot write \(file) (is the disk full?); free some space and try again (nothing was changed): "
                + message
        }
        return message
    }
}
