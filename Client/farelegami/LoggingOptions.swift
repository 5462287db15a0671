import ArgumentParser
import Foundation
import Logging

/// `--log-level`, falling back to `FARELEGAMI_LOG_LEVEL`, then `info`.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (or FARELEGAMI_LOG_LEVEL).")
    var logLevel: String?

    /// Sends logs to stderr at the chosen level and returns a logger labelled `label`.
    func bootstrap(label: String, configured: String? = nil) throws -> Logger {
        let text = logLevel ?? ProcessInfo.processInfo.environment["FARELEGAMI_LOG_LEVEL"] ?? configured ?? "info"
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ValidationError("unknown log level '\(text)': use trace, debug, info, notice, warning, error or critical")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}
