import SyncCore

/// A commitment of a pact: what one party (the beneficiary, the partner, a volunteer, a lab) does.
public struct CommitmentInput: RecordInput {
    /// The pact's id (nil when the commitment is given with `pact open`).
    public var pact: String?
    /// `beneficiary`, `partner`, `volunteer` or `lab`.
    public var party: String?
    /// `action`, `support` or `restitution` (time given back to the community).
    public var kind: String?
    /// What is committed (free text).
    public var description: String?
    /// How much (more than zero), in `unit`.
    public var quantity: String?
    /// The unit of the quantity (`hours`, `meetings`, ...).
    public var unit: String?
    /// When it is due.
    public var dueOn: String?
    /// `open` (default), `in_progress`, `done` or `dropped`.
    public var status: String?

    /// A commitment of `party` to pact `pact`.
    public init(
        pact: String?, party: String?, kind: String?, description: String?, quantity: String? = nil,
        unit: String? = nil, dueOn: String? = nil, status: String? = nil
    ) {
        self.pact = pact
        self.party = party
        self.kind = kind
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.dueOn = dueOn
        self.status = status
    }

    /// A commitment written `party:kind:description` (as `pact open --commitment` takes it).
    ///
    /// - Throws: `OfficeError.invalidField` naming `commitment` when the text has fewer than three parts.
    public init(spec: String, pact: String? = nil) throws(OfficeError) {
        let parts = spec.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw .invalidField(field: "commitment", value: spec, reason: "is not party:kind:description")
        }
        self.init(pact: pact, party: parts[0].trimmingSpaces, kind: parts[1].trimmingSpaces, description: parts[2])
    }

    /// Pact, party, kind and description required.
    public static let form = RecordForm(
        "pact_commitment",
        [
            .init("pact_id", .reference("pact"), required: true, label: "pact"),
            .init("party", .choice, required: true), .init("kind", .choice, required: true),
            .init("description", .text, required: true),
            .init("quantity", .positive(maximum: 1_000_000)), .init("unit", .text),
            .init("due_on", .date, label: "due-on"),
            .init("status", .oneOf(["open", "in_progress", "done", "dropped"]), required: true),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        [
            "pact_id": pact, "party": party, "kind": kind, "description": description, "quantity": quantity,
            "unit": unit, "due_on": dueOn, "status": status,
        ]
    }

    /// The status is `open` unless given.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        texts.defaulting("status", to: "open")
    }
}
