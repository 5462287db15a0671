extension Office {
    /// Fills this freshly created replica with realistic demo data in one transaction: the sites,
    /// 110 partners (Comune di Cremona the lead), 7 community makers and other staff, households,
    /// people, pacts with commitments and reviews, labs with sessions, civic centers with needs,
    /// volunteers' hours, the Cariplo grant (EUR 1,500,000), co-financing, donations, the budget
    /// (EUR 3,300,000) and expenses. The same `seed` and `scale` give the same rows.
    ///
    /// On the central replica (`hq`) site-class rows are made for every territorial site; on a
    /// territorial replica only for its own site. No identities (`person_identity`) are made.
    ///
    /// - Parameters:
    ///   - scale: multiplies cases and activities (about 2,500 rows per unit).
    ///   - progress: called after each table is written.
    /// - Throws: `OfficeError.notEmpty` when the replica already holds sites or partners;
    ///   `.invalidField` naming `scale` when it is not 1 to 10,000.
    public func seed(
        scale: Int = 1, seed: UInt64 = 1, progress: @escaping (SeedProgress) -> Void = { _ in }
    )
        throws(OfficeError) -> SeedSummary
    {
        guard (1...10_000).contains(scale) else {
            throw .invalidField(field: "scale", value: String(scale), reason: "is not a whole number from 1 to 10000")
        }
        let counts = try write("seeding \(replica.path)") { store in
            guard try store.isEmpty("site"), try store.isEmpty("partner") else {
                throw OfficeError.notEmpty(path: replica.path)
            }
            let seeder = Seeder(
                connection: replica.connection, site: replica.site, scale: scale, seed: seed, progress: progress)
            return try seeder.run()
        }
        return SeedSummary(rows: counts, scale: scale, seed: seed)
    }
}
