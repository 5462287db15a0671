import SQLiteDatabase

extension Seeder {
    static let themes = [
        "conciliation", "solidarity_purchasing", "housing", "town_centre", "economic_hardship", "loneliness", "other",
    ]
    static let needCategories = [
        ("housing", 0.2), ("work", 0.2), ("care", 0.15), ("isolation", 0.15), ("economic", 0.15), ("education", 0.1),
        ("other", 0.05),
    ]
    static let needStatuses = [
        ("new", 0.1), ("triaged", 0.1), ("in_progress", 0.15), ("answered", 0.4), ("referred", 0.15), ("closed", 0.1),
    ]

    /// Labs with sessions, civic centers with needs, volunteers' hours: shared data for every site.
    func seedActivities() throws {
        var labs: [(id: String, site: String, status: String, opened: ISODate)] = []
        for site in SeedNames.sites {
            for index in 0..<scaled(5, weight: site.weight) {
                let theme = Self.themes[(index + labs.count) % Self.themes.count]
                let status = random.weighted([("active", 0.7), ("closed", 0.2), ("planned", 0.1)])
                let promoter =
                    partners.filter { $0.site == site.id }.randomElement(using: &random) ?? random.pick(partners)
                let id = try insert(
                    "lab",
                    [
                        .text(site.id), .text(theme), .text(random.pick(SeedNames.labTitles[theme]!)),
                        .text(municipality(ofSite: site.id)), .text(promoter.id), .text(status),
                    ])
                labs.append((id, site.id, status, day(to: ISODate(year: 2025, month: 12, day: 31)!)))
            }
        }
        finished("lab")
        for lab in labs where lab.status != "planned" {
            for _ in 0..<random.int(8...20) {
                let participants = random.int(6...40)
                let minors = random.int(0...participants / 3), elderly = random.int(0...participants / 4)
                try insert(
                    "lab_session",
                    [
                        .text(lab.site), .text(lab.id), .date(day(from: lab.opened)), .int(participants),
                        .int(minors), .int(elderly), .int(random.int(1...max(1, participants / 5))),
                    ])
            }
        }
        finished("lab_session")

        for (site, count) in [("crema", 1), ("cremona", 2), ("casalmaggiore", 1)] {
            for _ in 0..<count * scale {
                let host = random.pick(SeedNames.hosts)
                let opened = day(to: ISODate(year: 2025, month: 6, day: 30)!)
                let center = try insert(
                    "civic_center",
                    [
                        .text(site), .text("Civic Center \(host) - \(municipality(ofSite: site))"), .text(host),
                        .date(opened),
                    ])
                try seedNeeds(center: center, site: site, opened: opened)
            }
        }
        finished("civic_center")
        finished("need_report")

        for site in SeedNames.sites {
            let volunteers = (0..<scaled(40, weight: site.weight)).map {
                "V-\(PseudonymCode.prefix(for: site.id))-\($0 + 1)"
            }
            let local = partners.filter { $0.site == site.id }
            for _ in 0..<scaled(200, weight: site.weight) {
                try insert(
                    "volunteer_hours",
                    [
                        .text(site.id), .text(random.pick(volunteers)), .text(random.pick(local).id), .date(day()),
                        .real(Double(random.int(2...12)) / 2),
                        .text(
                            random.pick([
                                "doposcuola", "emporio solidale", "accompagnamento", "animazione", "sportello",
                            ])),
                    ])
            }
        }
        finished("volunteer_hours")
    }

    private func seedNeeds(center: String, site: String, opened: ISODate) throws {
        for _ in 0..<30 {
            let reported = day(from: opened)
            var status = random.weighted(Self.needStatuses)
            let answered =
                ["answered", "referred", "closed"].contains(status) ? reported.adding(days: random.int(1...45)) : nil
            if let answered, answered > Seeder.asOf { status = "in_progress" }
            let shown = status == "in_progress" ? nil : answered
            try insert(
                "need_report",
                [
                    .text(site), .text(center), .date(reported), .text(random.weighted(Self.needCategories)),
                    .text(random.weighted([("low", 0.3), ("medium", 0.5), ("high", 0.2)])), .text(status),
                    .text(
                        random.pick(["richiesta di aiuto per", "segnalazione su", "bisogno di supporto per"]) + " "
                            + random.pick(["affitto", "compiti", "spesa", "lavoro", "solitudine"])),
                    .date(shown),
                    shown == nil
                        ? .null
                        : .text(
                            random.pick([
                                "orientamento ai servizi", "attivato un volontario", "inserito in un laboratorio",
                                "inviato ai servizi sociali",
                            ])),
                ])
        }
    }

    private func municipality(ofSite site: String) -> String {
        switch site {
        case "crema": "Crema"
        case "cremona": "Cremona"
        default: "Casalmaggiore"
        }
    }
}
