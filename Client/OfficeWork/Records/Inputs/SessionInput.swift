import SyncCore

/// A meeting of a lab with its head-counts: minors and elderly are among the participants.
public struct SessionInput: RecordInput {
    /// The lab's id or exact title.
    public var lab: String?
    /// The date it was held.
    public var heldOn: String?
    /// Everyone who took part.
    public var participants: String?
    /// Participants under 18.
    public var minors: String?
    /// Participants aged 65 or more.
    public var elderly: String?
    /// Volunteers among the participants.
    public var volunteers: String?

    /// A session of `lab` held on `heldOn`.
    public init(
        lab: String?, heldOn: String?, participants: String?, minors: String? = nil, elderly: String? = nil,
        volunteers: String? = nil
    ) {
        self.lab = lab
        self.heldOn = heldOn
        self.participants = participants
        self.minors = minors
        self.elderly = elderly
        self.volunteers = volunteers
    }

    /// Lab, date and participants required; counts 0 to 10,000.
    public static let form = RecordForm(
        "lab_session",
        [
            .init("lab_id", .reference("lab"), required: true, label: "lab"),
            .init("held_on", .date, required: true, label: "on"),
            .init("participants", .whole(0...10_000), required: true),
            .init("minors", .whole(0...10_000), required: true), .init("elderly", .whole(0...10_000), required: true),
            .init("volunteers", .whole(0...10_000), required: true),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        [
            "lab_id": lab, "held_on": heldOn, "participants": participants, "minors": minors,
            "elderly": elderly, "volunteers": volunteers,
        ]
    }

    /// Minors, elderly and volunteers are 0 unless given.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        texts.defaulting("minors", to: "0").defaulting("elderly", to: "0").defaulting("volunteers", to: "0")
    }

    /// Minors, elderly and volunteers are each at most the participants; minors and elderly together too.
    public static func check(_ values: [String: FieldValue]) throws(OfficeError) {
        let participants = values.count("participants")
        for column in ["minors", "elderly", "volunteers"] where values.count(column) > participants {
            throw .invalidField(
                field: column, value: String(values.count(column)), reason: "exceeds the \(participants) participants")
        }
        if values.count("minors") + values.count("elderly") > participants {
            throw .invalidField(
                field: "elderly", value: String(values.count("elderly")),
                reason: "plus the minors exceeds the \(participants) participants")
        }
    }
}
