import SyncCore

/// A partner of the project (an association, a municipality, a cooperative).
public struct PartnerInput: RecordInput {
    /// Its name, as people call it.
    public var name: String?
    /// Its legal form (associazione, cooperativa sociale, comune, ...).
    public var legalForm: String?
    /// Its tax code or VAT number.
    public var taxCode: String?
    /// Its role in the project: lead, partner or supporter.
    public var role: String?

    /// A partner called `name`.
    public init(name: String?, legalForm: String? = nil, taxCode: String? = nil, role: String? = nil) {
        self.name = name
        self.legalForm = legalForm
        self.taxCode = taxCode
        self.role = role
    }

    /// Name and role required.
    public static let form = RecordForm(
        "partner",
        [
            .init("name", .text, required: true), .init("legal_form", .text, label: "legal-form"),
            .init("tax_code", .text, label: "tax-code"), .init("role", .choice, required: true),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        ["name": name, "legal_form": legalForm, "tax_code": taxCode, "role": role]
    }

    /// A partner is a `partner` unless said otherwise.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        texts.defaulting("role", to: "partner")
    }
}
