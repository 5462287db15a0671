import Foundation
import SyncCore
import SyncWire

/// The daemon's settings, one file per site (JSON), overridden by environment variables and then by
/// flags. Example (`/etc/farelegami/crema.json`):
///
/// ```json
/// {"db": "/var/lib/farelegami/crema.sqlite", "at": "02:00", "logLevel": "info"}
/// ```
public struct DaemonConfiguration: Sendable, Equatable, Codable {
    /// The replica file.
    public var db: String?
    /// Nightly sync time, `HH:MM` local.
    public var at: String?
    /// Sync interval (`15m`), instead of `at`.
    public var every: String?
    /// Also sync at start.
    public var now: Bool?
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`.
    public var logLevel: String?

    /// Empty settings.
    public init(db: String? = nil, at: String? = nil, every: String? = nil, now: Bool? = nil, logLevel: String? = nil) {
        self.db = db
        self.at = at
        self.every = every
        self.now = now
        self.logLevel = logLevel
    }

    /// Reads a configuration file.
    ///
    /// - Throws: `SyncError.invalidSetting` naming the file and what is wrong with it.
    public static func load(path: String) throws(SyncError) -> DaemonConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidSetting("cannot read the configuration file \(path)")
        }
        do {
            return try JSONDecoder().decode(DaemonConfiguration.self, from: data)
        } catch {
            throw .invalidSetting("configuration file \(path) is not valid: \(JSONErrorSummary.describe(error))")
        }
    }

    /// The settings from `FARELEGAMI_DB`, `FARELEGAMI_AT`, `FARELEGAMI_EVERY`, `FARELEGAMI_LOG_LEVEL`.
    public static func environment(_ environment: [String: String]) -> DaemonConfiguration {
        DaemonConfiguration(
            db: environment["FARELEGAMI_DB"], at: environment["FARELEGAMI_AT"], every: environment["FARELEGAMI_EVERY"],
            now: nil, logLevel: environment["FARELEGAMI_LOG_LEVEL"])
    }

    /// These settings, with every value `other` sets taking precedence.
    public func overridden(by other: DaemonConfiguration) -> DaemonConfiguration {
        DaemonConfiguration(
            db: other.db ?? db, at: other.at ?? (other.every == nil ? at : nil),
            every: other.every ?? (other.at == nil ? every : nil), now: other.now ?? now,
            logLevel: other.logLevel ?? logLevel)
    }

    /// The schedule these settings describe (nightly at 02:00 when neither `at` nor `every` is set).
    ///
    /// - Throws: `SyncError.invalidSetting` for a malformed time or interval, or both given.
    public func schedule(timeZone: TimeZone = .current) throws(SyncError) -> SyncSchedule {
        switch (at, every) {
        case (.some, .some): throw .invalidSetting("give either --at or --every, not both")
        case (.some(let time), nil): return try .daily(time, timeZone: timeZone)
        case (nil, .some(let interval)): return try .interval(interval)
        case (nil, nil): return try .daily("02:00", timeZone: timeZone)
        }
    }
}
