import SyncCore

/// A person's identity (name, tax code, contacts): local-class, it never leaves this replica.
public struct IdentityInput: RecordInput {
    /// The full name.
    public var fullName: String?
    /// The codice fiscale (upper-cased when stored).
    public var taxCode: String?
    /// A phone number.
    public var phone: String?
    /// A postal address.
    public var address: String?
    /// The date the person consented to the processing (required with any other field).
    public var consentOn: String?

    /// Identity fields; the consent date is required whenever any of them is given.
    public init(
        fullName: String? = nil, taxCode: String? = nil, phone: String? = nil, address: String? = nil,
        consentOn: String? = nil
    ) {
        self.fullName = fullName
        self.taxCode = taxCode
        self.phone = phone
        self.address = address
        self.consentOn = consentOn
    }

    /// Whether no identity field was given.
    public var isEmpty: Bool {
        [fullName, taxCode, phone, address, consentOn].allSatisfy { ($0 ?? "").trimmingSpaces.isEmpty }
    }

    /// Consent date required; the rest free text.
    public static let form = RecordForm(
        "person_identity",
        [
            .init("full_name", .text, label: "full-name"), .init("tax_code", .text, label: "tax-code"),
            .init("phone", .text), .init("address", .text),
            .init("consent_on", .date, required: true, label: "consent-on"),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        [
            "full_name": fullName, "tax_code": taxCode, "phone": phone, "address": address,
            "consent_on": consentOn,
        ]
    }

    /// A tax code, when given, has the shape of a codice fiscale.
    /// The tax code in upper case.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        texts.uppercasing("tax_code")
    }

    public static func check(_ values: [String: FieldValue]) throws(OfficeError) {
        if case .text(let code)? = values["tax_code"], !Self.isTaxCode(code) {
            throw .invalidField(
                field: "tax-code", value: code, reason: "is not an Italian codice fiscale (16 letters and digits)")
        }
    }

    /// Whether `code` has the shape of a personal codice fiscale: 6 letters, 2 digits, a letter,
    /// 2 digits, a letter, 3 digits and a check letter (digits may be omocodia letters).
    static func isTaxCode(_ code: String) -> Bool {
        let characters = Array(code)
        guard characters.count == 16, characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return false
        }
        return [0, 1, 2, 3, 4, 5, 8, 11, 15].allSatisfy { characters[$0].isLetter }
    }
}
