/// A reproducible random number generator (SplitMix64): the same seed gives the same history.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

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
