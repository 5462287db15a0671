// The generator itself is SyncCore's `SeededGenerator`, re-exported for the suites that draw from it.
@_exported import struct SyncCore.SeededGenerator

/// How many random histories a property test runs: `FARELEGAMI_HISTORIES` overrides `default`.
public func historyCount(default count: Int) -> Int {
    guard let text = getenvString("FARELEGAMI_HISTORIES"), let value = Int(text), value > 0 else { return count }
    return value
}

/// The first seed of a property run: `FARELEGAMI_SEED` overrides 1, so a failing seed can be replayed.
public func firstSeed() -> UInt64 {
    getenvString("FARELEGAMI_SEED").flatMap(UInt64.init) ?? 1
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func getenvString(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
