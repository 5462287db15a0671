import SyncCore

extension Office {
    /// Registers a household under a new random pseudonym (`CR-7Q2K` for crema), unique in the replica.
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func addHousehold(_ input: HouseholdInput) throws(OfficeError) -> SavedRecord {
        var generator = SystemRandomNumberGenerator()
        return try addHousehold(input, using: &generator)
    }

    /// Registers a household with a pseudonym drawn from `generator`.
    public func addHousehold(
        _ input: HouseholdInput, using generator: inout some RandomNumberGenerator
    )
        throws(OfficeError) -> SavedRecord
    {
        var values = try input.validated()
        let site = replica.site
        return try write("registering a household") { store in
            let code = try PseudonymCode.unique(site: site, using: &generator) { code in
                !(try store.rows("household", where: "code", equals: code).isEmpty)
            }
            values["code"] = .text(code)
            return try store.insert("household", values)
        }
    }

    /// Adds a member to a household; identity fields, when given, go to the local `person_identity`
    /// table (never synced) in the same transaction.
    ///
    /// - Throws: `OfficeError` naming the field at fault; nothing is written then.
    public func addPerson(
        _ input: PersonInput, identity: IdentityInput = IdentityInput()
    )
        throws(OfficeError) -> SavedRecord
    {
        let values = try input.validated()
        let identityValues = identity.isEmpty ? nil : try identity.validated()
        return try write("adding a person") { store in
            var person = try store.insert("person", try resolved(values, PersonInput.form, store))
            if var identityValues {
                identityValues["person_id"] = .text(person.id)
                person.related["person_identity"] = [try store.insert("person_identity", identityValues)]
            }
            return person
        }
    }

    /// A household (by id or code) with its people and, joined locally, their identities.
    ///
    /// - Throws: `OfficeError.notFound` when no household has that id or code.
    public func household(_ key: String) throws(OfficeError) -> SavedRecord {
        try OfficeError.wrap("reading household \(key)") {
            let id: String
            do {
                id = try store.resolve(key, in: "household", field: "household")
            } catch is OfficeError {
                throw OfficeError.notFound(table: "household", key: key)
            }
            var household = try store.fetch("household", id: id)!
            household.related["person"] = try store.rows("person", where: "household_id", equals: id).map { person in
                var person = person
                let identities = try store.rows("person_identity", where: "person_id", equals: person.id)
                if !identities.isEmpty { person.related["person_identity"] = identities }
                return person
            }
            return household
        }
    }
}
