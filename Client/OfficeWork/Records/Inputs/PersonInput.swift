import SyncCore

/// A member of a registered household: pseudonymised, no name here (see `IdentityInput`).
public struct PersonInput: RecordInput {
    /// The household's id or code.
    public var household: String?
    /// The relation to the household (free text: `genitore`, `figlio`, ...).
    public var relation: String?
    /// The year of birth.
    public var birthYear: String?
    /// `F`, `M` or `X`.
    public var sex: String?

    /// A person of `household` (its id or code).
    public init(household: String?, relation: String? = nil, birthYear: String? = nil, sex: String? = nil) {
        self.household = household
        self.relation = relation
        self.birthYear = birthYear
        self.sex = sex
    }

    /// Household required; birth year 1900 to 2199; sex F, M or X.
    public static let form = RecordForm(
        "person",
        [
            .init("household_id", .reference("household"), required: true, label: "household"),
            .init("relation", .text), .init("birth_year", .whole(1900...2199), label: "birth-year"),
            .init("sex", .oneOf(["F", "M", "X"])),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        ["household_id": household, "relation": relation, "birth_year": birthYear, "sex": sex]
    }

    /// The sex in upper case.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        texts.uppercasing("sex")
    }
}
