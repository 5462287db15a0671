import SyncCore

/// A household to register; its pseudonym code is generated when it is written.
public struct HouseholdInput: RecordInput {
    /// The municipality it lives in (free text, e.g. `Crema`, `Pandino`).
    public var municipality: String?
    /// Adults (18-64) in the household.
    public var adults: String?
    /// Minors in the household (0 when not given).
    public var minors: String?
    /// Members aged 65 or more (0 when not given).
    public var over65: String?
    /// A short description of the vulnerability (free text, no names).
    public var vulnerability: String?
    /// Who referred the household (social services, school, parish, ...).
    public var referralSource: String?

    /// A household in `municipality` with the given head-counts.
    public init(
        municipality: String?, adults: String?, minors: String? = nil, over65: String? = nil,
        vulnerability: String? = nil, referralSource: String? = nil
    ) {
        self.municipality = municipality
        self.adults = adults
        self.minors = minors
        self.over65 = over65
        self.vulnerability = vulnerability
        self.referralSource = referralSource
    }

    /// Municipality and adults required; head-counts 0 to 30.
    public static let form = RecordForm(
        "household",
        [
            .init("municipality", .text, required: true), .init("adults", .whole(0...30), required: true),
            .init("minors", .whole(0...30), required: true), .init("over65", .whole(0...30), required: true),
            .init("vulnerability", .text), .init("referral_source", .text, label: "referral-source"),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        [
            "municipality": municipality, "adults": adults, "minors": minors, "over65": over65,
            "vulnerability": vulnerability, "referral_source": referralSource,
        ]
    }

    /// Minors and over-65s are 0 unless given.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        texts.defaulting("minors", to: "0").defaulting("over65", to: "0")
    }

    /// A household has at least one member.
    public static func check(_ values: [String: FieldValue]) throws(OfficeError) {
        if values.count("adults") + values.count("minors") + values.count("over65") == 0 {
            throw .invalidField(field: "adults", value: "0", reason: "leaves the household with no members")
        }
    }
}
