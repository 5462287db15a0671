import SyncCore

/// The seed data's random draws: SyncCore's reproducible generator (the same seed gives the same data).
public typealias SeededRandom = SeededGenerator

extension SeededGenerator {
    /// A random whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    /// A random element of the non-empty `items`.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// One of `choices`, drawn by their weights.
    mutating func weighted<T>(_ choices: [(T, Double)]) -> T {
        var draw = Double.random(in: 0..<choices.reduce(0) { $0 + $1.1 }, using: &self)
        for (value, weight) in choices {
            if draw < weight { return value }
            draw -= weight
        }
        return choices[choices.count - 1].0
    }

    /// A random date from `first` to `last` (both included).
    mutating func date(_ first: ISODate, _ last: ISODate) -> ISODate {
        first.adding(days: int(0...max(0, last.days(since: first))))
    }

    /// A random version-4 UUID in lower case, like the schema's default ids.
    mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        let words = [next(), next()]
        var characters: [Character] = []
        characters.reserveCapacity(36)
        for index in 0..<32 {
            var nibble = Int((words[index / 16] >> UInt64(index % 16 * 4)) & 0xF)
            if index == 12 { nibble = 4 }
            if index == 16 { nibble = 8 | (nibble & 3) }
            characters.append(hex[nibble])
            if [7, 11, 15, 19].contains(index) { characters.append("-") }
        }
        return String(characters)
    }
}
