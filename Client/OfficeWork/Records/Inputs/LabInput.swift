import SyncCore

/// A Laboratorio di Comunità: an open group on a theme.
public struct LabInput: RecordInput {
    /// The theme (`conciliation`, `solidarity_purchasing`, `housing`, `town_centre`,
    /// `economic_hardship`, `loneliness`, `other`).
    public var theme: String?
    /// The title.
    public var title: String?
    /// The area it works in (a municipality or neighbourhood).
    public var area: String?
    /// The promoting partner's id or exact name.
    public var promoter: String?
    /// `planned`, `active` (default) or `closed`.
    public var status: String?

    /// A lab on `theme` called `title`.
    public init(
        theme: String?, title: String?, area: String? = nil, promoter: String? = nil, status: String? = nil
    ) {
        self.theme = theme
        self.title = title
        self.area = area
        self.promoter = promoter
        self.status = status
    }

    /// Theme and title required.
    public static let form = RecordForm(
        "lab",
        [
            .init("theme", .choice, required: true), .init("title", .text, required: true), .init("area", .text),
            .init("promoter_partner_id", .reference("partner"), label: "promoter"),
            .init("status", .choice, required: true),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        ["theme": theme, "title": title, "area": area, "promoter_partner_id": promoter, "status": status]
    }

    /// The status is `active` unless given.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        texts.defaulting("status", to: "active")
    }
}
