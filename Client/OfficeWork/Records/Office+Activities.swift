import SyncCore

extension Office {
    /// Adds a lab.
    public func addLab(_ input: LabInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Logs a session of a lab with its head-counts.
    public func logSession(_ input: SessionInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Adds a civic center.
    public func addCivicCenter(_ input: CivicCenterInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Records a need collected at a civic center.
    public func addNeed(_ input: NeedInput) throws(OfficeError) -> SavedRecord { try add(input) }

    /// Records the response to a need: its date (not before the report), the response and the new status.
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func answerNeed(_ input: AnswerInput) throws(OfficeError) -> SavedRecord {
        let key = (input.need ?? "").trimmingSpaces
        guard !key.isEmpty else { throw .missingField("need") }
        let values = try input.validated()
        return try write("answering a need") { store in
            guard let need = try store.fetch("need_report", id: key) else {
                throw OfficeError.missingReference(field: "need", table: "need_report", key: key)
            }
            if let reported = need.text("reported_on").flatMap(ISODate.init), let answered = values.date("answered_on"),
                answered < reported
            {
                throw OfficeError.invalidField(
                    field: "on", value: answered.description, reason: "is before the need was reported on \(reported)")
            }
            return try store.update("need_report", id: key, values)
        }
    }
}
