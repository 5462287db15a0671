import Foundation

/// Monotonic wall-clock timing.
enum Stopwatch {
    /// Seconds since an arbitrary fixed point (monotonic).
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Runs `body` and returns its result and the seconds it took.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = now()
        let result = try body()
        return (result, now() - start)
    }

    /// Runs `body` and returns the seconds it took.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        try time(body).1
    }
}

/// Percentiles of latency samples.
enum Percentile {
    /// The `p`-th percentile (0...100) of `samples`, nearest-rank.
    static func of(_ samples: [Double], _ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}

/// Peak resident set size of this process and of children.
enum PeakMemory {
    /// The peak RSS (VmHWM) of process `pid` in MB, read from /proc; nil when it has exited.
    static func ofProcess(_ pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Double($0) }
            return digits.map { $0 / 1024 }
        }
        return nil
    }

    /// The machine's memory in GB.
    static func machineGB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
            let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return .nan }
        return kb / 1024 / 1024
    }
}
