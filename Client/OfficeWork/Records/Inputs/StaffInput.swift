import SyncCore

/// A member of the project's staff (a Community Maker, an operator, a coordinator).
public struct StaffInput: RecordInput {
    /// The person's name.
    public var name: String?
    /// Their role: community_maker, operator, site_coordinator or central_admin.
    public var role: String?
    /// A work e-mail address.
    public var email: String?
    /// A work phone number.
    public var phone: String?

    /// A staff member called `name`.
    public init(name: String?, role: String? = nil, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
    }

    /// Name and role required.
    public static let form = RecordForm(
        "staff",
        [
            .init("name", .text, required: true), .init("role", .choice, required: true),
            .init("email", .text), .init("phone", .text),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] { ["name": name, "role": role, "email": email, "phone": phone] }

    /// An e-mail address, when given, has an `@` between two parts.
    public static func check(_ values: [String: FieldValue]) throws(OfficeError) {
        if case .text(let email)? = values["email"] {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts.contains(where: \.isEmpty) || email.contains(" ") {
                throw .invalidField(field: "email", value: email, reason: "is not an e-mail address")
            }
        }
    }
}
