import SyncCore

extension Office {
    /// Opens a pact, with its first commitments (on both sides, usually), in one transaction.
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func openPact(_ input: PactInput, commitments: [CommitmentInput] = []) throws(OfficeError) -> SavedRecord {
        let values = try input.validated()
        var commitmentValues: [[String: FieldValue]] = []
        for var commitment in commitments {
            commitment.pact = "(new pact)"
            var checked = try commitment.validated()
            checked["pact_id"] = nil
            commitmentValues.append(checked)
        }
        return try write("opening a pact") { store in
            var pact = try store.insert("pact", try resolved(values, PactInput.form, store))
            pact.related["pact_commitment"] = try commitmentValues.map { commitment in
                var commitment = commitment
                commitment["pact_id"] = .text(pact.id)
                return try store.insert("pact_commitment", commitment)
            }
            return pact
        }
    }

    /// Adds a commitment to an existing pact.
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func addCommitment(_ input: CommitmentInput) throws(OfficeError) -> SavedRecord {
        try add(input)
    }

    /// Records a review of a pact. `close` also sets the pact's status to `closed`; an outcome, when
    /// given, is written on the pact. The review date may not precede the signing date.
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func reviewPact(_ input: ReviewInput) throws(OfficeError) -> SavedRecord {
        let values = try input.validated()
        let outcome = try FieldRule.text.value(of: input.outcome ?? "", table: "pact", column: "outcome")
        return try write("recording a pact review") { store in
            let values = try resolved(values, ReviewInput.form, store)
            guard case .text(let pactID)? = values["pact_id"], try store.fetch("pact", id: pactID) != nil else {
                throw OfficeError.missingReference(field: "pact", table: "pact", key: input.pact ?? "")
            }
            try ReviewInput.check(values, against: { try store.fetch($0, id: $1)?.values })
            var review = try store.insert("pact_review", values)
            var changes: [String: FieldValue] = [:]
            if values["decision"] == .text("close") { changes["status"] = .text("closed") }
            if outcome != .null { changes["outcome"] = outcome }
            if !changes.isEmpty { review.related["pact"] = [try store.update("pact", id: pactID, changes)] }
            return review
        }
    }
}
