import SQLiteDatabase

extension Seeder {
    /// The sites, 110 partners (the named institutions, then non-profits), the staff with the 7
    /// community makers.
    func seedOrganisation() throws {
        for site in SeedNames.sites {
            try insert("site", [.text(site.id), .text(site.name), .text("territorial")], id: site.id)
        }
        try insert("site", [.text("hq"), .text("FareLegami - ufficio centrale"), .text("central")], id: "hq")
        finished("site")

        for institution in SeedNames.institutions {
            let id = try insert(
                "partner",
                [
                    .text(institution.site), .text(institution.name), .text(institution.form), .text(taxCode()),
                    .text(institution.role),
                ])
            partners.append(Partner(id: id, site: institution.site, pledgeCents: institution.pledge * 100))
        }
        var names = Set<String>()
        let nonProfits = 110 - SeedNames.institutions.count
        let pledges = split(SeedNames.nonProfitPledges * 100, into: nonProfits)
        for pledge in pledges {
            var name: String, form: String
            repeat {
                let kind = random.pick(SeedNames.nonProfitForms)
                form = kind.1
                name = "\(kind.0) \(random.pick(SeedNames.nonProfitNames)) \(random.pick(SeedNames.towns))"
            } while !names.insert(name).inserted
            let site = random.weighted(SeedNames.sites.map { ($0.id, $0.weight) })
            let role = random.chance(0.7) ? "partner" : "supporter"
            let id = try insert("partner", [.text(site), .text(name), .text(form), .text(taxCode()), .text(role)])
            partners.append(Partner(id: id, site: site, pledgeCents: pledge))
        }
        finished("partner")

        var usedNames = Set<String>()
        func person() -> String {
            var name: String
            repeat {
                name = "\(random.pick(SeedNames.givenNames)) \(random.pick(SeedNames.familyNames))"
            } while !usedNames.insert(name).inserted && usedNames.count < 300
            return name
        }
        func addStaff(_ site: String, _ role: String) throws -> String {
            let name = person()
            let email = name.lowercased().replacingOccurrences(of: " ", with: ".") + "@farelegami.example"
            return try insert("staff", [.text(site), .text(name), .text(role), .text(email), .text(phone())])
        }
        for (site, count) in [("cremona", 3), ("crema", 2), ("casalmaggiore", 2)] {
            for _ in 0..<count { makers.append((try addStaff(site, "community_maker"), site)) }
        }
        for site in SeedNames.sites {
            _ = try addStaff(site.id, "site_coordinator")
            for _ in 0..<scaled(2, weight: site.weight) { _ = try addStaff(site.id, "operator") }
        }
        for _ in 0..<2 { _ = try addStaff("hq", "central_admin") }
        finished("staff")
    }

    /// An organisation's 11-digit tax number (partita IVA shape), random.
    func taxCode() -> String { String((0..<11).map { _ in Character(String(random.int(0...9))) }) }

    /// An office phone number in the Cremona area code (invented).
    func phone() -> String { "0372 \(random.int(100_000...999_999))" }
}
