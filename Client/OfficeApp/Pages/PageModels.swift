/// The values the templates render (`Templates`): plain stored properties only, since templates
/// read them by reflection. Every page has `t` (the words) and `chrome` (what frames it).

/// What frames every page: who is signed in, the sync status bar, the menu, a message.
struct Chrome: Sendable {
    var title: String
    /// "Ufficio di Crema", or "Sede centrale" at hq.
    var officeName: String
    var user: String
    var roleLabel: String
    var isCoordinator: Bool
    /// Whether this is the central office's replica (hq).
    var isCentral: Bool
    var csrf: String
    var path: String
    var lastSync: String
    var unsynced: Int
    var conflicts: Int
    var hasConflicts: Bool
    var heldBack: Int
    var hasHeldBack: Bool
    var offline: Bool
    var nav: [NavItem]
    var flash: String?
    var flashError: Bool
}

/// One entry of the menu.
struct NavItem: Sendable {
    var href: String
    var label: String
    var current: Bool
}

/// One choice of a select.
struct Option: Sendable {
    var value: String
    var label: String
    var selected: Bool
}

/// A select filtering a list.
struct Filter: Sendable {
    var name: String
    var label: String
    var options: [Option]
}

/// One cell of a list (or one field of a record page): its column header, its text, a link.
struct Cell: Sendable {
    var header: String
    var text: String
    var link: String?
}

/// One row of a list.
struct Row: Sendable {
    var cells: [Cell]
}

/// A page with a message only.
struct NoticePage: Sendable {
    var t: [String: String]
    var chrome: Chrome
    var heading: String
    var message: String
    var backHref: String
}

/// The sign-in page.
struct LoginPage: Sendable {
    var t: [String: String]
    var officeName: String
    var csrf: String
    var user: String
    var problem: String?
}

/// The home page: every kind with its count.
struct HomePage: Sendable {
    struct Kind: Sendable {
        var href: String
        var newHref: String
        var label: String
        var count: Int
    }
    var t: [String: String]
    var chrome: Chrome
    var kinds: [Kind]
    var heldBackRows: [String]
    var hasHeldBackRows: Bool
}

/// A list of records with its filters.
struct ListPage: Sendable {
    var t: [String: String]
    var chrome: Chrome
    var heading: String
    var singular: String
    var newHref: String
    var csvHref: String
    var importHref: String
    var exportable: Bool
    var listHref: String
    var search: String
    var filters: [Filter]
    var dateLabel: String?
    var from: String
    var to: String
    var filterProblem: String?
    var count: Int
    var countText: String
    var headers: [String]
    var rows: [Row]
    var hasRows: Bool
}

/// The records of one kind hanging from a record, on its page.
struct RelatedSection: Sendable {
    var table: String
    var heading: String
    var singular: String
    var count: Int
    var newHref: String
    var headers: [String]
    var rows: [Row]
    var hasRows: Bool
}

/// One record with its related records.
struct RecordPage: Sendable {
    var t: [String: String]
    var chrome: Chrome
    var singular: String
    var recordName: String
    var editHref: String
    var deleteHref: String
    var fields: [Cell]
    var related: [RelatedSection]
}

/// One field of a form.
struct FormField: Sendable {
    var name: String
    var label: String
    var value: String
    var required: Bool
    var problem: String?
    var isSelect: Bool
    var isTextarea: Bool
    var isInput: Bool
    var options: [Option]
    var inputmode: String?
    var placeholder: String?
}

/// A form to add or correct a record.
struct FormPage: Sendable {
    var t: [String: String]
    var chrome: Chrome
    var heading: String
    var action: String
    var cancelHref: String
    var fields: [FormField]
    var hasProblems: Bool
    var formProblem: String?
}

/// The confirmation of a delete.
struct ConfirmPage: Sendable {
    var t: [String: String]
    var chrome: Chrome
    var singular: String
    var recordName: String
    var action: String
    var cancelHref: String
}

/// The open conflicts, filtered, each with what resolves it.
struct ConflictsPage: Sendable {
    struct Side: Sendable {
        var number: Int
        var text: String
        var who: String
        var shown: Bool
        var action: String
    }
    struct Item: Sendable {
        var id: Int64
        var tableLabel: String
        var rowName: String
        var columnLabel: String
        var since: String
        var fields: [Cell]
        var mayResolve: Bool
        var isDeleteContest: Bool
        var canType: Bool
        var action: String
        var sides: [Side]
    }
    /// A resolution made here and how far it has travelled.
    struct Resolution: Sendable {
        var label: String
        var resolved: String
        var state: String
        var everywhere: Bool
    }
    var t: [String: String]
    var chrome: Chrome
    var filters: [Filter]
    var notice: String?
    var items: [Item]
    var resolutions: [Resolution]
    var hasResolutions: Bool
}

/// The log of who opened beneficiaries' records.
struct AuditPage: Sendable {
    var t: [String: String]
    var chrome: Chrome
    var headers: [String]
    var rows: [Row]
    var hasRows: Bool
}

/// The CSV import of one kind: the upload form and, after an upload, its preview.
struct ImportPage: Sendable {
    struct Problem: Sendable {
        var line: Int
        var text: String
    }
    var t: [String: String]
    var chrome: Chrome
    var heading: String
    var action: String
    var cancelHref: String
    var previewed: Bool
    var ready: Int
    var duplicates: Int?
    var problems: [Problem]
    var hasProblems: Bool
    var canImport: Bool
    var nothingNew: Bool
    var data: String
}

/// The report to the funder: every table of `report all`, with charts.
struct ReportPage: Sendable {
    struct Section: Sendable {
        var id: String
        var title: String
        /// An inline SVG drawing (`BarChart`), escaped where it is made; empty without a chart.
        var svg: String
        /// What the chart shows, written under it.
        var chartTitle: String
        var headers: [String]
        var rows: [Row]
        var hasRows: Bool
        var notes: [String]
    }
    var t: [String: String]
    var chrome: Chrome
    var periodLabel: String
    var periods: [Option]
    var csvHref: String
    var sections: [Section]
}

/// Every site's computers as the server sees them (the central office).
struct SitesPage: Sendable {
    struct Computer: Sendable {
        var site: String
        var computer: String
        var lastPush: String
        var lastPull: String
        var lag: UInt64
        var state: String
        var isProblem: Bool
        var canRetire: Bool
        var retireHref: String
    }
    var t: [String: String]
    var chrome: Chrome
    var problem: String?
    var computers: [Computer]
}

/// The confirmation before retiring a computer.
struct RetirePage: Sendable {
    var t: [String: String]
    var chrome: Chrome
    var computer: String
    var replica: String
}
