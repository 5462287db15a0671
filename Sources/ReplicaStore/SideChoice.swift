import Foundation
import SyncProtocol

/// Which side of a conflict `conflicts resolve --take` names: its number in the list (`2`), the
/// office that wrote it (`crema`), or its dot (`replica:counter`, as `conflicts list --json` gives).
public enum SideChoice: Sendable, Equatable {
    /// The side with this number in the list, from 1.
    case number(Int)
    /// The side written by this site.
    case site(String)
    /// The side written under this dot.
    case dot(Dot)

    /// What `--take` accepts, in one line (for refusals).
    public static let accepted =
        "--take accepts a side's number as listed (e.g. --take 2), the office that wrote it (e.g. --take crema), "
        + "or replica:counter as 'conflicts list --json' gives it"

    /// Reads `text` as a choice.
    ///
    /// - Throws: `ReplicaError.invalidResolution` saying what is accepted, for an empty text or a
    ///   `replica:counter` whose parts are not an id and a number.
    public init(parsing text: String) throws(ReplicaError) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let number = Int(text) {
            self = .number(number)
            return
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard !parts[0].isEmpty, let counter = UInt64(parts[1]) else {
                throw .invalidResolution("'\(text)' is not a side: \(Self.accepted)")
            }
            self = .dot(Dot(replica: ReplicaID(String(parts[0])), counter: counter))
            return
        }
        guard parts.count == 1, !text.isEmpty, Replica.isValidSite(text) else {
            throw .invalidResolution("'\(text)' is not a side: \(Self.accepted)")
        }
        self = .site(text)
    }

    /// The dot of the side this choice names in `description`.
    ///
    /// - Throws: `ReplicaError.invalidResolution`, one line saying what is accepted, when no side or
    ///   more than one side fits.
    public func dot(in description: ConflictDescription) throws(ReplicaError) -> Dot {
        let sides = description.sides
        let listed = sides.map { "\($0.number) (\($0.label.text()))" }.joined(separator: ", ")
        let id = description.conflict.id
        let matching: [ConflictDescription.Side]
        switch self {
        case .number(let number):
            matching = sides.filter { $0.number == number }
        case .site(let site):
            matching = sides.filter { $0.label.site == site }
            if matching.count > 1 {
                let numbers = matching.map { String($0.number) }.joined(separator: " and ")
                throw .invalidResolution(
                    "conflict \(id) has \(matching.count) sides written by \(site) (\(numbers)): give the side's number, e.g. --take \(matching[0].number)")
            }
        case .dot(let dot):
            matching = sides.filter { $0.side.replica == dot.replica.rawValue && $0.side.counter == dot.counter }
        }
        guard let side = matching.first else {
            throw .invalidResolution("conflict \(id) has no side '\(self)'; its sides are \(listed): \(Self.accepted)")
        }
        return Dot(replica: ReplicaID(side.side.replica), counter: side.side.counter)
    }
}

extension SideChoice: CustomStringConvertible {
    /// The choice as typed.
    public var description: String {
        switch self {
        case .number(let number): String(number)
        case .site(let site): site
        case .dot(let dot): dot.description
        }
    }
}
