import SyncCore

/// A review of a pact: what was decided on a date. Deciding `close` also closes the pact.
public struct ReviewInput: RecordInput {
    /// The pact's id.
    public var pact: String?
    /// The date of the review (not before the pact was signed).
    public var reviewedOn: String?
    /// `continue`, `modify` or `close`.
    public var decision: String?
    /// Notes (free text; no names).
    public var notes: String?
    /// The pact's outcome, written on the pact when given (usually with `close`).
    public var outcome: String?

    /// A review of `pact` on `reviewedOn`.
    public init(
        pact: String?, reviewedOn: String?, decision: String?, notes: String? = nil, outcome: String? = nil
    ) {
        self.pact = pact
        self.reviewedOn = reviewedOn
        self.decision = decision
        self.notes = notes
        self.outcome = outcome
    }

    /// Pact, date and decision required.
    public static let form = RecordForm(
        "pact_review",
        [
            .init("pact_id", .reference("pact"), required: true, label: "pact"),
            .init("reviewed_on", .date, required: true, label: "on"),
            .init("decision", .choice, required: true), .init("notes", .text),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        ["pact_id": pact, "reviewed_on": reviewedOn, "decision": decision, "notes": notes]
    }

    /// A review is not dated before its pact was signed.
    public static func check(
        _ values: [String: FieldValue], against row: (_ table: String, _ id: String) throws -> [String: FieldValue]?
    ) throws {
        guard case .text(let pactID)? = values["pact_id"], let pact = try row("pact", pactID),
            case .text(let signedText)? = pact["signed_on"], let signed = ISODate(signedText),
            let reviewed = values.date("reviewed_on"), reviewed < signed
        else { return }
        throw OfficeError.invalidField(
            field: "on", value: reviewed.description, reason: "is before the pact was signed on \(signed)")
    }
}
