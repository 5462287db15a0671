import SyncCore

/// Money coming in: the Cariplo grant, a partner's co-financing pledge or actual, a donation.
public struct FundingInput: RecordInput {
    /// `cariplo_grant`, `cofinancing_pledge`, `cofinancing_actual` or `donation`.
    public var kind: String?
    /// The partner's id or exact name (required for co-financing).
    public var partner: String?
    /// The amount in euros (`1500.00` or `1500,00`).
    public var amount: String?
    /// The date.
    public var onDate: String?

    /// Funding of `kind` for `amount` euros on `onDate`.
    public init(kind: String?, partner: String? = nil, amount: String?, onDate: String?) {
        self.kind = kind
        self.partner = partner
        self.amount = amount
        self.onDate = onDate
    }

    /// Kind, amount and date required.
    public static let form = RecordForm(
        "funding",
        [
            .init("kind", .choice, required: true), .init("partner_id", .reference("partner"), label: "partner"),
            .init("amount_cents", .euros, required: true, label: "amount"),
            .init("on_date", .date, required: true, label: "on"),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        ["kind": kind, "partner_id": partner, "amount_cents": amount, "on_date": onDate]
    }

    /// Co-financing (pledged or actual) names the partner.
    public static func check(_ values: [String: FieldValue]) throws(OfficeError) {
        if case .text(let kind)? = values["kind"], kind.hasPrefix("cofinancing"), values["partner_id"] == nil {
            throw .missingField("partner")
        }
    }
}
