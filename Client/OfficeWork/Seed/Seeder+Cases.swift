import SQLiteDatabase

extension Seeder {
    static let vulnerabilities = [
        "genitore solo con figli minori", "famiglia con anziano non autosufficiente", "nucleo isolato",
        "disoccupazione giovanile", "sovraindebitamento", "perdita dell'alloggio", "lavoro precario",
    ]
    static let referrals = [
        "servizi sociali", "scuola", "parrocchia", "Civic Center", "passaparola", "centro per l'impiego",
    ]

    /// Households with their members, about half with a pact; pacts with commitments on both sides
    /// and reviews every few months.
    func seedCases() throws {
        var codes = Set<String>()
        for site in caseSites {
            for _ in 0..<scaled(40, weight: site.weight) {
                let adults = random.weighted([(1, 0.35), (2, 0.55), (3, 0.1)])
                let minors = random.weighted([(0, 0.3), (1, 0.3), (2, 0.25), (3, 0.1), (4, 0.05)])
                let over65 = random.weighted([(0, 0.75), (1, 0.2), (2, 0.05)])
                let code = PseudonymCode.unique(site: site.id, using: &random) { !codes.insert($0).inserted }
                let id = try insert(
                    "household",
                    [
                        .text(site.id), .text(code), .text(municipality(site.id)), .int(adults), .int(minors),
                        .int(over65),
                        .text(random.pick(Self.vulnerabilities)), .text(random.pick(Self.referrals)),
                    ])
                households.append((id, site.id, adults + minors + over65))
                let members = [
                    (adults, "adulto", 1966...2006), (minors, "minore", 2009...2025), (over65, "anziano", 1935...1960),
                ]
                for (count, relation, years) in members {
                    for _ in 0..<count {
                        try insert(
                            "person",
                            [
                                .text(site.id), .text(id), .text(relation), .int(random.int(years)),
                                .text(random.weighted([("F", 0.52), ("M", 0.47), ("X", 0.01)])),
                            ])
                    }
                }
            }
        }
        finished("household")
        finished("person")
        for household in households where random.chance(0.5) { try seedPact(for: household) }
        finished("pact")
        finished("pact_commitment")
        finished("pact_review")
    }

    private func municipality(_ site: String) -> String {
        switch site {
        case "crema": random.pick(["Crema", "Crema", "Offanengo", "Pandino", "Vailate", "Romanengo"])
        case "cremona": random.pick(["Cremona", "Cremona", "Cremona", "Sospiro", "Vescovato", "Pizzighettone"])
        default:
            random.pick(["Casalmaggiore", "Casalmaggiore", "Gussola", "Martignana di Po", "San Giovanni in Croce"])
        }
    }

    private func seedPact(for household: (id: String, site: String, members: Int)) throws {
        let kind = random.chance(0.65) ? "inclusione" : "autonomia"
        let status = random.weighted([
            ("draft", 0.08), ("active", 0.55), ("suspended", 0.07), ("closed", 0.25), ("withdrawn", 0.05),
        ])
        let signed = status == "draft" ? nil : day(from: ISODate(year: 2025, month: 2, day: 1)!)
        let ends = signed?.adding(days: random.pick([180, 270, 365, 540]))
        let maker = makers.filter { $0.site == household.site }.randomElement(using: &random) ?? random.pick(makers)
        let partner =
            partners.filter { $0.site == household.site }.randomElement(using: &random) ?? random.pick(partners)
        let outcome: SQLValue =
            status == "closed"
            ? .text(
                random.pick([
                    "obiettivi raggiunti", "autonomia abitativa", "inserimento lavorativo",
                    "obiettivi in parte raggiunti",
                ]))
            : .null
        let pact = try insert(
            "pact",
            [
                .text(household.site), .text(household.id), .text(kind), .text(partner.id), .text(maker.id),
                .text(status),
                .date(signed), .date(ends), outcome,
            ])
        let commitments: [(String, String, String, Double?, String?)] = [
            kind == "autonomia"
                ? ("beneficiary", "action", "frequentare il corso di empowerment", 40, "hours")
                : ("beneficiary", "action", "partecipare agli incontri con il community maker", 6, "meetings"),
            (
                "partner", "support",
                random.pick(["tutoraggio", "borsa lavoro", "contributo affitto", "accompagnamento ai servizi"]), nil,
                nil
            ),
            (
                "beneficiary", "restitution",
                random.pick([
                    "volontariato al Civic Center", "aiuto compiti al doposcuola", "turni all'emporio solidale",
                ]), 4, "hours/month"
            ),
            ("volunteer", "support", "affiancamento di un volontario", 2, "hours/week"),
            ("lab", "action", "partecipazione a un Laboratorio di Comunità", nil, nil),
        ]
        for (party, commitmentKind, description, quantity, unit) in commitments.prefix(random.int(2...5)) {
            try insert(
                "pact_commitment",
                [
                    .text(household.site), .text(pact), .text(party), .text(commitmentKind), .text(description),
                    quantity.map(SQLValue.real) ?? .null, unit.map(SQLValue.text) ?? .null, .date(ends),
                    .text(status == "closed" ? "done" : random.pick(["open", "in_progress", "done"])),
                ])
        }
        guard let signed, status != "withdrawn" else { return }
        var reviewed = signed.adding(days: random.int(80...100))
        while reviewed <= Seeder.asOf, reviewed <= (ends ?? Seeder.asOf) {
            let last = reviewed.adding(days: 90) > min(ends ?? Seeder.asOf, Seeder.asOf)
            let decision = status == "closed" && last ? "close" : random.weighted([("continue", 0.8), ("modify", 0.2)])
            try insert(
                "pact_review",
                [
                    .text(household.site), .text(pact), .date(reviewed), .text(decision),
                    .text(
                        random.pick([
                            "impegni rispettati", "rivisti gli obiettivi", "serve più supporto", "buoni progressi",
                        ])),
                ])
            reviewed = reviewed.adding(days: random.int(80...100))
        }
    }
}
