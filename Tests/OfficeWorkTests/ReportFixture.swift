import OfficeWork
import SQLiteDatabase

extension Office {
    /// Small known data for the reports, written as the offices would have, on the hq replica:
    ///
    /// - crema: households hc1-hc6 (2 adults, 1 minor, 2 people each); pacts: hc1-hc5 inclusione
    ///   active signed 2026-02-01..05, hc6 autonomia closed 2026-03-01, hc1 a second inclusione draft.
    /// - cremona: household hm1 (1 adult, 1 over-65, 1 person) with 2 autonomia pacts active signed
    ///   2026-04-01 and an inclusione pact signed 2025-10-01; household hm2 with none.
    /// - labs: L1 crema (sessions 2026-01-15: 10/3/2/1 and 2026-05-20: 20/5/5/2), L2 cremona (a
    ///   session 2026-07-10 of 8), L3 crema (no sessions).
    /// - civic center C1 crema: needs 01-10 answered 01-20, 02-01 referred 02-05, 03-01 new,
    ///   08-01 answered 08-03.
    /// - volunteers: V1 crema 2.5 h (01-05) + 3 h (02-05) + 5 h (09-01), V2 crema 1.5 h (03-01),
    ///   V3 cremona 4 h (04-01).
    /// - money: Cariplo 600,000 (2026-02-15); P1 Comune di Cremona pledged 300,000, realised 100,000
    ///   (2025-12-01), 50,000 (2026-03-01), 25,000 (2026-08-01); P2 Comune di Crema pledged 200,000,
    ///   realised 50,000 (2026-05-01); donations crema 50.00 (01-10), 25.50 (06-30), cremona 100.00
    ///   (07-01); budget crema labs 2026 10,000, crema pacts 2026 20,000, hq coordination 2025 5,000;
    ///   expenses crema labs 2,500 (03-01) and 1,000 (09-01), crema pacts 5,000 (04-01), hq
    ///   coordination 4,000 (2025-06-01).
    func addReportFixture() throws {
        for index in 1...6 {
            try sql(
                "INSERT INTO household (id, site_id, code, adults, minors, over65) VALUES (?1, 'crema', ?2, 2, 1, 0)",
                .text("hc\(index)"), .text("CR-000\(index)"))
            for _ in 0..<2 {
                try sql("INSERT INTO person (site_id, household_id) VALUES ('crema', ?1)", .text("hc\(index)"))
            }
        }
        try sql("INSERT INTO household (id, site_id, adults, minors, over65) VALUES ('hm1', 'cremona', 1, 0, 1)")
        try sql("INSERT INTO household (id, site_id, adults, minors, over65) VALUES ('hm2', 'cremona', 3, 2, 0)")
        try sql("INSERT INTO person (site_id, household_id) VALUES ('cremona', 'hm1')")
        let pact = "INSERT INTO pact (site_id, household_id, kind, status, signed_on) VALUES (?1, ?2, ?3, ?4, ?5)"
        for index in 1...5 {
            try sql(
                pact, .text("crema"), .text("hc\(index)"), .text("inclusione"), .text("active"),
                .text("2026-02-0\(index)"))
        }
        try sql(pact, .text("crema"), .text("hc6"), .text("autonomia"), .text("closed"), .text("2026-03-01"))
        try sql(pact, .text("crema"), .text("hc1"), .text("inclusione"), .text("draft"), .null)
        try sql(pact, .text("cremona"), .text("hm1"), .text("autonomia"), .text("active"), .text("2026-04-01"))
        try sql(pact, .text("cremona"), .text("hm1"), .text("autonomia"), .text("active"), .text("2026-04-01"))
        try sql(pact, .text("cremona"), .text("hm1"), .text("inclusione"), .text("active"), .text("2025-10-01"))

        try sql(
            "INSERT INTO lab (id, site_id, theme) VALUES ('L1', 'crema', 'housing'), ('L2', 'cremona', 'loneliness'), ('L3', 'crema', 'other')"
        )
        let session =
            "INSERT INTO lab_session (lab_id, held_on, participants, minors, elderly, volunteers) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
        try sql(session, .text("L1"), .text("2026-01-15"), .integer(10), .integer(3), .integer(2), .integer(1))
        try sql(session, .text("L1"), .text("2026-05-20"), .integer(20), .integer(5), .integer(5), .integer(2))
        try sql(session, .text("L2"), .text("2026-07-10"), .integer(8), .integer(0), .integer(0), .integer(0))

        try sql("INSERT INTO civic_center (id, site_id, name) VALUES ('C1', 'crema', 'Centro A')")
        let need =
            "INSERT INTO need_report (civic_center_id, reported_on, status, answered_on) VALUES ('C1', ?1, ?2, ?3)"
        try sql(need, .text("2026-01-10"), .text("answered"), .text("2026-01-20"))
        try sql(need, .text("2026-02-01"), .text("referred"), .text("2026-02-05"))
        try sql(need, .text("2026-03-01"), .text("new"), .null)
        try sql(need, .text("2026-08-01"), .text("answered"), .text("2026-08-03"))

        let hours = "INSERT INTO volunteer_hours (site_id, volunteer_code, done_on, hours) VALUES (?1, ?2, ?3, ?4)"
        for (site, code, day, amount) in [
            ("crema", "V1", "2026-01-05", 2.5), ("crema", "V1", "2026-02-05", 3), ("crema", "V2", "2026-03-01", 1.5),
            ("cremona", "V3", "2026-04-01", 4), ("crema", "V1", "2026-09-01", 5),
        ] { try sql(hours, .text(site), .text(code), .text(day), .real(amount)) }

        try sql("INSERT INTO partner (id, name) VALUES ('P1', 'Comune di Cremona'), ('P2', 'Comune di Crema')")
        let funding =
            "INSERT INTO funding (site_id, kind, partner_id, amount_cents, on_date) VALUES (?1, ?2, ?3, ?4, ?5)"
        for (site, kind, partner, euros, day) in [
            ("hq", "cariplo_grant", nil, 600_000.0, "2026-02-15"),
            ("cremona", "cofinancing_pledge", "P1", 300_000, "2025-01-10"),
            ("cremona", "cofinancing_actual", "P1", 100_000, "2025-12-01"),
            ("cremona", "cofinancing_actual", "P1", 50_000, "2026-03-01"),
            ("cremona", "cofinancing_actual", "P1", 25_000, "2026-08-01"),
            ("crema", "cofinancing_pledge", "P2", 200_000, "2025-01-10"),
            ("crema", "cofinancing_actual", "P2", 50_000, "2026-05-01"),
            ("crema", "donation", nil, 50, "2026-01-10"), ("crema", "donation", nil, 25.5, "2026-06-30"),
            ("cremona", "donation", nil, 100, "2026-07-01"),
        ] as [(String, String, String?, Double, String)] {
            try sql(
                funding, .text(site), .text(kind), partner.map(SQLValue.text) ?? .null, .integer(Int64(euros * 100)),
                .text(day))
        }
        try sql(
            """
            INSERT INTO budget_line (id, site_id, action, year, amount_cents) VALUES
            ('B1', 'crema', 'labs', 2026, 1000000), ('B2', 'crema', 'pacts', 2026, 2000000), ('B3', 'hq', 'coordination', 2025, 500000)
            """)
        let expense = "INSERT INTO expense (site_id, action, amount_cents, spent_on) VALUES (?1, ?2, ?3, ?4)"
        for (site, action, cents, day) in [
            ("crema", "labs", 250_000, "2026-03-01"), ("crema", "labs", 100_000, "2026-09-01"),
            ("crema", "pacts", 500_000, "2026-04-01"), ("hq", "coordination", 400_000, "2025-06-01"),
        ] as [(String, String, Int64, String)] {
            try sql(expense, .text(site), .text(action), .integer(cents), .text(day))
        }
    }
}
