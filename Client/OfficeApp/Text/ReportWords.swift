import OfficeWork

/// The report page's words: the reports' titles, column names and labels (computed in English by
/// OfficeWork, the CLI's one implementation) as the office's language says them, and each cell
/// written the Italian way.
struct ReportWords {
    let texts: Texts

    static let titles: [ReportName: String] = [
        .pacts: "Patti per tipo e stato, per sede", .households: "Nuclei e persone raggiunti, per sede",
        .labs: "Laboratori, incontri e partecipanti, per sede", .needs: "Bisogni segnalati ai Civic Center, per stato",
        .volunteers: "Volontari e ore, per sede", .cofinancing: "Cofinanziamento versato rispetto al promesso, per partner",
        .donations: "Donazioni, per sede", .spending: "Spesa rispetto al budget, per sede e azione",
        .budget: "Rispetto al budget del progetto",
    ]

    static let words: [String: String] = [
        "site": "Sede", "kind": "Tipo", "total": "Totale", "households": "Nuclei", "people registered": "Persone registrate",
        "members declared": "Componenti dichiarati", "minors": "Minori", "over 65": "Over 65", "labs": "Laboratori",
        "sessions": "Incontri", "participants": "Partecipanti", "elderly": "Anziani", "volunteers": "Volontari",
        "civic center": "Civic Center", "reported": "Segnalati", "avg days to answer": "Giorni medi per rispondere",
        "entries": "Registrazioni", "hours": "Ore", "partner": "Partner", "pledged": "Promesso", "realised": "Versato",
        "realised in period": "Versato nel periodo", "realised %": "% versato", "donations": "Donazioni", "amount": "Importo",
        "average": "Media", "action": "Azione", "budget": "Budget", "spent": "Speso", "spent %": "% speso", "item": "Voce",
        "target": "Obiettivo", "% of target": "% dell'obiettivo", "all sites": "tutte le sedi", "all kinds": "tutti i tipi",
        "all partners": "tutti i partner", "all actions": "tutte le azioni", "all centers": "tutti i centri",
        "(no partner)": "(nessun partner)", "all time": "tutto il periodo",
        "Fondazione Cariplo grant received": "contributo di Fondazione Cariplo ricevuto",
        "co-financing pledged": "cofinanziamento promesso", "co-financing realised": "cofinanziamento versato",
        "donations raised": "donazioni raccolte", "funds in (grant, co-financing realised, donations)":
            "entrate (contributo, cofinanziamento versato, donazioni)",
        "budget lines planned (all years)": "voci di budget previste (tutti gli anni)",
    ]

    /// The reports' notes in the office's language; a note not listed (one naming a count) is
    /// matched by its start, else shown as it is.
    static let notes: [String: String] = [
        "Amounts up to the period's end, in euros.": "Importi fino alla fine del periodo, in euro.",
        "Average days from the report to the answer, over the needs answered so far.":
            "Giorni medi dalla segnalazione alla risposta, sui bisogni a cui si è già risposto.",
        "Every pact, with its current status.": "Tutti i patti, con il loro stato attuale.",
        "Every registered household.": "Tutti i nuclei registrati.",
        "Households with a pact signed in the period.": "Nuclei con un patto firmato nel periodo.",
        "Members declared, minors and over 65 are the household's own counts; people registered are person rows.":
            "Componenti dichiarati, minori e over 65 sono i numeri dichiarati dal nucleo; le persone registrate sono le schede persona.",
        "Pacts signed in the period, with their current status.": "Patti firmati nel periodo, con il loro stato attuale.",
        "Project budget EUR 3,300,000: EUR 1,500,000 from Fondazione Cariplo, EUR 1,800,000 from partners' co-financing and fundraising.":
            "Budget del progetto 3.300.000 €: 1.500.000 € da Fondazione Cariplo, 1.800.000 € da cofinanziamento dei partner e raccolta fondi.",
        "Budget: the lines of every year the period touches (whole years); spent: expenses in the period.":
            "Budget: le voci di ogni anno toccato dal periodo (anni interi); speso: le spese del periodo.",
        "Donations received in the period, by the office that recorded them; amounts in euros.":
            "Donazioni ricevute nel periodo, per l'ufficio che le ha registrate; importi in euro.",
        "Hours given in the period; volunteers are distinct volunteer codes.":
            "Ore donate nel periodo; i volontari sono i codici volontario distinti.",
        "Pledged and realised up to the period's end; amounts in euros.": "Promesso e versato fino alla fine del periodo; importi in euro.",
        "Labs that held a session in the period.": "Laboratori con almeno un incontro nel periodo.",
        "Every lab, active or not.": "Tutti i laboratori, attivi o no.",
        "Counts of households, people and pacts from 1 to 4 are shown as <5 (privacy), and so is one more count of a row or column with a single <5, so that no total gives it away.":
            "I conteggi di nuclei, persone e patti da 1 a 4 sono mostrati come <5 (riservatezza), e così un altro numero della riga o della colonna con un solo <5, perché nessun totale lo riveli.",
    ]

    /// A note in words.
    func note(_ english: String) -> String {
        if let note = Self.notes[english] { return note }
        if english.hasPrefix("Needs reported in the period") {
            return "Bisogni segnalati nel periodo, con il loro stato attuale; "
                + english.split(separator: ";").last.map { $0.replacingOccurrences(of: "civic centers.", with: "Civic Center.") }!
                .trimmingCharacters(in: .whitespaces)
        }
        if english.hasPrefix("Computed on the ") { return "Calcolato sulla copia di questo ufficio: i dati dei nuclei riguardano solo questo ufficio." }
        return english
    }

    /// A column or label in words.
    func word(_ english: String, table: ReportName, column: String? = nil) -> String {
        if let word = Self.words[english] { return word }
        if ["site"].contains(column ?? "") || Self.sites.contains(english) { return texts.value("", "site_id", english) }
        switch table {
        case .pacts:
            if column == "kind" { return texts.value("pact", "kind", english) }
            return texts.value("pact", "status", english)
        case .needs: return texts.value("need_report", "status", english)
        case .spending: return texts.value("", "action", english)
        default: return english
        }
    }

    static let sites: Set<String> = ["crema", "cremona", "casalmaggiore", "hq"]

    /// A cell written the Italian way: `<5`, `1.234,50 €`, `12,5`, `45,0%`.
    func cell(_ cell: ReportCell, table: ReportName, column: String) -> String {
        switch cell {
        case .text(let text): word(text, table: table, column: column)
        case .euros(let cents): ItalianFormat.euros(cents)
        case .number, .percent: cell.description.replacingOccurrences(of: ".", with: ",")
        default: cell.description
        }
    }
}
