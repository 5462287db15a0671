import SyncCore

/// The response to a need: when and how it was answered.
public struct AnswerInput: RecordInput {
    /// The need's id.
    public var need: String?
    /// The date it was answered (not before it was reported).
    public var answeredOn: String?
    /// What was done (free text).
    public var response: String?
    /// `answered` (default), `referred` or `closed`.
    public var status: String?

    /// The answer to `need` given on `answeredOn`.
    public init(need: String?, answeredOn: String?, response: String?, status: String? = nil) {
        self.need = need
        self.answeredOn = answeredOn
        self.response = response
        self.status = status
    }

    /// Need, date and response required.
    public static let form = RecordForm(
        "need_report",
        [
            .init("answered_on", .date, required: true, label: "on"), .init("response", .text, required: true),
            .init("status", .oneOf(["answered", "referred", "closed"]), required: true),
        ])

    /// The typed texts by column (the need id is not a column written; see `need`).
    public var texts: [String: String?] {
        ["answered_on": answeredOn, "response": response, "status": status]
    }

    /// The status is `answered` unless given.
    public static func completed(_ texts: [String: String?]) -> [String: String?] {
        texts.defaulting("status", to: "answered")
    }
}
