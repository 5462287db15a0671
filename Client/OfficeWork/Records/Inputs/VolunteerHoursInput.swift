import SyncCore

/// Hours a volunteer gave on a day, through a partner.
public struct VolunteerHoursInput: RecordInput {
    /// The volunteer's pseudonym code (no names).
    public var volunteer: String?
    /// The partner's id or exact name.
    public var partner: String?
    /// The day.
    public var doneOn: String?
    /// The hours (more than 0, at most 24; `2.5` or `2,5`).
    public var hours: String?
    /// What was done (free text).
    public var activity: String?

    /// `hours` given by `volunteer` on `doneOn`.
    public init(
        volunteer: String?, partner: String? = nil, doneOn: String?, hours: String?, activity: String? = nil
    ) {
        self.volunteer = volunteer
        self.partner = partner
        self.doneOn = doneOn
        self.hours = hours
        self.activity = activity
    }

    /// Volunteer, day and hours required.
    public static let form = RecordForm(
        "volunteer_hours",
        [
            .init("volunteer_code", .text, required: true, label: "volunteer"),
            .init("partner_id", .reference("partner"), label: "partner"),
            .init("done_on", .date, required: true, label: "on"),
            .init("hours", .positive(maximum: 24), required: true), .init("activity", .text),
        ])

    /// The typed texts by column.
    public var texts: [String: String?] {
        ["volunteer_code": volunteer, "partner_id": partner, "done_on": doneOn, "hours": hours, "activity": activity]
    }
}
