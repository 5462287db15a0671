import SyncCore

/// A need (segnalazione) collected at a Civic Center.
public struct NeedInput: RecordInput {
    /// The civic center's id or exact name.
    public var center: String?
    /// The date it was reported.
    public var reportedOn: String?
    /// `housing`, `work`, `care`, `isolation`, `economic`, `education` or `other`.
    public var category: String?
    /// `low`, `medium` or `high`.
    public var urgency: String?
    /// The status; `new` by default.
    public var status: String?
    /// What was reported (free text; no names).
    public var description: String?

    /// A need reported at `center` on `reportedOn`.
    public init(
        center: String?, reportedOn: String?, category: String?, urgency: String?, status: String? = nil,
        description: String? = nil
    ) {
        self.center = center
        self.reportedOn = reportedOn
        self.category = category
        self.urgency = urgency
        self.status = status
        self.description = description
    }

    /// Center, date, category and urgency required.
    public static let form = RecordForm(
        "need_report",
        [
            .init("civic_center_id", .reference("civic_center"), required: true, label: "center"),
            .init("reported_on", .date, required: true, label: "on"),
            .init("category", .choice, required: true), .init("urgency", .choice, required: true),
            .init("status", .choice, required: true), .init("description", .text),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        [
            "civic_center_id": center, "reported_on": reportedOn, "category": category, "urgency": urgency,
            "status": status, "description": description,
        ]
    }

    /// The status is `new` unless given.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        texts.defaulting("status", to: "new")
    }
}
