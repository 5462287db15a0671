import SyncCore

/// A Patto Gener-Attivo to open between a household and a partner, followed by a community maker.
public struct PactInput: RecordInput {
    /// The household's id or code.
    public var household: String?
    /// `inclusione` or `autonomia`.
    public var kind: String?
    /// The partner's id or exact name.
    public var partner: String?
    /// The community maker's (staff) id or exact name.
    public var maker: String?
    /// The status; `active` when a signing date is given, else `draft`.
    public var status: String?
    /// The date it was signed.
    public var signedOn: String?
    /// The date it is due to end (not before the signing date).
    public var endsOn: String?
    /// The outcome so far (free text).
    public var outcome: String?

    /// A pact of `kind` for `household` with `partner`, followed by `maker`.
    public init(
        household: String?, kind: String?, partner: String?, maker: String?, status: String? = nil,
        signedOn: String? = nil, endsOn: String? = nil, outcome: String? = nil
    ) {
        self.household = household
        self.kind = kind
        self.partner = partner
        self.maker = maker
        self.status = status
        self.signedOn = signedOn
        self.endsOn = endsOn
        self.outcome = outcome
    }

    /// Household, kind, partner and maker required.
    public static let form = RecordForm(
        "pact",
        [
            .init("household_id", .reference("household"), required: true, label: "household"),
            .init("kind", .choice, required: true),
            .init("partner_id", .reference("partner"), required: true, label: "partner"),
            .init("maker_id", .reference("staff"), required: true, label: "maker"),
            .init("status", .choice, required: true), .init("signed_on", .date, label: "signed-on"),
            .init("ends_on", .date, label: "ends-on"), .init("outcome", .text),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        [
            "household_id": household, "kind": kind, "partner_id": partner, "maker_id": maker,
            "status": status, "signed_on": signedOn, "ends_on": endsOn, "outcome": outcome,
        ]
    }

    /// The status is `active` when a signing date is given, else `draft`, unless given.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        let signed = !(texts.given("signed_on") ?? "").trimmingSpaces.isEmpty
        return texts.defaulting("status", to: signed ? "active" : "draft")
    }

    /// Only a draft or withdrawn pact may lack a signing date; it ends after it starts.
    public static func check(_ values: [String: FieldValue]) throws(OfficeError) {
        if case .text(let status)? = values["status"], !["draft", "withdrawn"].contains(status),
            values["signed_on"] == nil
        {
            throw .missingField("signed-on")
        }
        try requireOrder(values, "signed_on", "ends_on", in: Self.form)
    }
}
