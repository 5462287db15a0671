/// Names the seed data uses: the project's real partner institutions (public bodies and
/// organisations, as in the project's public material) and invented names for everything else.
/// No seeded name, code or number belongs to a real person.
enum SeedNames {
    /// The territorial sites with their display names and relative size (cases and activities
    /// scale with it), then the central office.
    static let sites: [(id: String, name: String, weight: Double)] = [
        ("crema", "Ufficio territoriale di Crema", 1.0), ("cremona", "Ufficio territoriale di Cremona", 1.4),
        ("casalmaggiore", "Ufficio territoriale di Casalmaggiore", 0.6),
    ]

    /// The named partners: name, legal form, role, home site and co-financing pledge in euros.
    static let institutions: [(name: String, form: String, role: String, site: String, pledge: Int64)] = [
        ("Comune di Cremona", "ente pubblico", "lead", "cremona", 300_000),
        ("Comune di Crema", "ente pubblico", "partner", "crema", 200_000),
        ("Comune di Casalmaggiore", "ente pubblico", "partner", "casalmaggiore", 90_000),
        ("Concass - Consorzio Casalasco Servizi Sociali", "consorzio", "partner", "casalmaggiore", 140_000),
        ("Azienda Sociale Cremonese", "azienda speciale consortile", "partner", "cremona", 150_000),
        ("Comunità Sociale Cremasca", "azienda speciale consortile", "partner", "crema", 150_000),
        ("Provincia di Cremona", "ente pubblico", "partner", "hq", 70_000),
        ("Camera di Commercio di Cremona", "ente pubblico", "partner", "hq", 60_000),
        ("Fondazione Comunitaria della Provincia di Cremona", "fondazione", "partner", "hq", 100_000),
        ("CISVOL - Centro Servizi per il Volontariato", "associazione", "partner", "cremona", 40_000),
        ("Consorzio Sol.Co Cremona", "consorzio di cooperative sociali", "partner", "cremona", 50_000),
        ("Consorzio Arcobaleno", "consorzio di cooperative sociali", "partner", "crema", 40_000),
        (
            "Consorzio Casalasco del Terzo Settore", "consorzio di cooperative sociali", "partner", "casalmaggiore",
            30_000
        ),
        ("Diocesi di Cremona - Caritas Cremonese", "ente religioso", "supporter", "cremona", 40_000),
        ("Fondazione Cariplo", "fondazione", "supporter", "hq", 0),
    ]

    /// The part of the partners' pledges the named institutions do not cover, spread over the
    /// non-profits, in euros (pledges total EUR 1,700,000; fundraising brings the other 100,000).
    static let nonProfitPledges: Int64 = 1_700_000 - institutions.reduce(0) { $0 + $1.pledge }

    static let nonProfitForms = [
        ("Associazione", "associazione di promozione sociale"), ("Cooperativa Sociale", "cooperativa sociale"),
        ("ODV", "organizzazione di volontariato"), ("Associazione", "associazione"), ("Fondazione", "fondazione"),
    ]
    static let nonProfitNames = [
        "Il Girasole", "La Zolla", "Porta Aperta", "Il Ponte", "Agorà", "Città Solidale", "L'Aquilone",
        "Il Seme", "Filo d'Argento", "La Tenda", "Mani Amiche", "Il Faro", "Nuovi Orizzonti", "La Rete",
        "Insieme", "Il Melograno", "Casa Accoglienza", "Auser", "San Vincenzo", "Il Cerchio", "Spazio Donna",
        "Terra Viva", "Famiglie in Rete", "Il Borgo", "Orti Condivisi", "Libera Mente", "Il Sorriso", "Sentieri",
    ]
    static let towns = [
        "Crema", "Cremona", "Casalmaggiore", "Soresina", "Pandino", "Rivolta d'Adda", "Piadena Drizzona",
        "Castelleone", "Soncino", "Pizzighettone", "Casalbuttano", "Vescovato", "Sospiro", "Gussola",
        "San Giovanni in Croce", "Torre de' Picenardi", "Martignana di Po", "Offanengo", "Vailate", "Romanengo",
    ]

    /// Community makers and other staff (invented names).
    static let givenNames = [
        "Chiara", "Luca", "Giulia", "Marco", "Francesca", "Paolo", "Elena", "Davide", "Sara", "Matteo",
        "Silvia", "Andrea", "Laura", "Stefano", "Anna", "Nicola", "Marta", "Simone", "Valentina", "Fabio",
    ]
    static let familyNames = [
        "Ferrari", "Bianchi", "Rossi", "Galli", "Fontana", "Bassi", "Lodigiani", "Dossena", "Ghisoni",
        "Zanini", "Bertoletti", "Cavalli", "Guarneri", "Stradiotti", "Manfredini", "Bonali", "Pedrazzini",
    ]

    /// Lab titles by theme.
    static let labTitles: [String: [String]] = [
        "conciliation": ["Tempi di famiglia", "Conciliare insieme", "Banca del tempo"],
        "solidarity_purchasing": ["Spesa solidale", "Gruppo d'acquisto del quartiere", "Emporio solidale"],
        "housing": ["Abitare insieme", "Casa condivisa", "Condomini solidali"],
        "town_centre": ["Centro vivo", "Piazze aperte", "Botteghe in rete"],
        "economic_hardship": ["Fare i conti", "Bilanci di famiglia", "Microcredito di comunità"],
        "loneliness": ["Mai soli", "Caffè insieme", "Vicini di casa"],
        "other": ["Orti di comunità", "Riparo e riuso", "Laboratorio digitale"],
    ]

    /// Civic-center hosts.
    static let hosts = [
        "Istituto comprensivo", "Oratorio San Luigi", "Scuola primaria Manzoni", "Oratorio Sant'Agata",
        "Centro civico di quartiere", "Biblioteca comunale", "Scuola secondaria Vida", "Parrocchia San Bernardo",
    ]
}
