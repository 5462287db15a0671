import SyncCore

/// A Civic Center: a place (a school, an oratory) where the community collects and answers needs.
public struct CivicCenterInput: RecordInput {
    /// The name.
    public var name: String?
    /// Who hosts it (free text).
    public var host: String?
    /// The date it opened.
    public var openedOn: String?

    /// A civic center called `name`.
    public init(name: String?, host: String? = nil, openedOn: String? = nil) {
        self.name = name
        self.host = host
        self.openedOn = openedOn
    }

    /// Name required.
    public static let form = RecordForm(
        "civic_center",
        [
            .init("name", .text, required: true), .init("host", .text), .init("opened_on", .date, label: "opened-on"),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] { ["name": name, "host": host, "opened_on": openedOn] }
}
