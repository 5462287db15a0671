import Foundation
import SiteClient

/// Shows a sync's progress on a terminal (rows, pages, rate, ETA); silent when stderr is not one.
final class ProgressDisplay {
    private let enabled = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var shown = false

    func show(_ progress: SyncProgress) {
        guard enabled else { return }
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(progress.rows) / seconds
        var line = "\r\(progress.phase): \(progress.rows) rows, \(progress.pages) pages, \(Int(rate)) rows/s"
        if progress.phase == "pull", progress.latest > progress.cursor, rate > 0 {
            line += ", ~\(Int(Double(progress.latest - progress.cursor) / rate)) s left"
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
