import SyncCore

/// One kind of record an office keeps (a table), with the form that checks it: the one description
/// the CLI's `list`/`show`/`edit`/`delete` and the office app's lists and forms are built from.
public struct RecordKind: Sendable {
    /// The table the kind's rows live in.
    public let table: String
    /// The input type whose form and checks every write of this kind goes through.
    public let input: any RecordInput.Type
    /// The column that names a row to people (a household's code, a partner's name); nil when the
    /// row is named by its parent and a date (`RecordLabels`).
    public let nameColumn: String?
    /// The date column lists filter on by range and sort by, newest first; nil for undated kinds.
    public let dateColumn: String?
    /// The kind whose page lists this kind's rows, and the column that refers to it.
    public let parent: (table: String, column: String)?
    /// Whether the replica generates the name (a household's pseudonym code): forms leave it out.
    public let generatesName: Bool

    /// The form every write of this kind goes through.
    public var form: RecordForm { input.form }

    /// The catalog the kind's table is described by: the built-in one, or the replica's
    /// (`bound(to:)`), which a version the central office published may have extended.
    public private(set) var catalog: Catalog = .farelegami

    /// The fields a record of this kind is written with: the form's (but columns the catalog
    /// retired), the row it hangs from when the form leaves it out (a person's identity names its
    /// person), and a field for each column a published catalog version added (`addedFields`).
    public var fields: [RecordForm.Field] {
        form.fields.filter { spec.column(named: $0.column)?.retired != true } + (parentField.map { [$0] } ?? []) + addedFields
    }

    /// The kind described by `catalog` (a replica's): its forms show the columns that catalog adds.
    public func bound(to catalog: Catalog) -> RecordKind {
        var kind = self
        kind.catalog = catalog
        return kind
    }

    /// A field for each column of the bound catalog that the built-in one lacks (added by a version
    /// the central office published), not retired, following its type: a choice among an
    /// enumeration's values, a whole or decimal number, a reference, or text.
    public var addedFields: [RecordForm.Field] {
        let builtIn = Catalog.farelegami.table(named: table)
        return spec.columns.filter { builtIn?.column(named: $0.name) == nil && !$0.retired }.map { column in
            let rule: FieldRule
            if let allowed = column.allowed {
                rule = .oneOf(allowed)
            } else if let target = column.references {
                rule = .reference(target)
            } else {
                switch column.type {
                case .integer: rule = .whole(Int64.min...Int64.max)
                case .real: rule = .positive(maximum: 1e15)
                case .text: rule = .text
                }
            }
            return RecordForm.Field(column.name, rule)
        }
    }

    /// The field of the row this kind hangs from, when the form does not have it.
    public var parentField: RecordForm.Field? {
        guard let parent, form.field(for: parent.column) == nil else { return nil }
        return RecordForm.Field(parent.column, .reference(parent.table), required: true, label: parent.table)
    }

    /// The catalog's description of the table (the bound catalog's; tables are never removed).
    public var spec: TableSpec { catalog.table(named: table) ?? Catalog.farelegami.table(named: table)! }

    /// The columns the kind's forms show, in the form's order.
    public var formColumns: [String] { fields.map(\.column) }

    init(
        _ table: String, _ input: any RecordInput.Type, name: String? = nil, date: String? = nil,
        parent: (table: String, column: String)? = nil, generatesName: Bool = false
    ) {
        self.table = table
        self.input = input
        self.nameColumn = name
        self.dateColumn = date
        self.parent = parent
        self.generatesName = generatesName
    }
}

extension RecordKind {
    /// Every kind, in the order the office app's menu lists them.
    public static let all: [RecordKind] = [
        RecordKind("household", HouseholdInput.self, name: "code", generatesName: true),
        RecordKind("person", PersonInput.self, parent: ("household", "household_id")),
        RecordKind("person_identity", IdentityInput.self, name: "full_name", parent: ("person", "person_id")),
        RecordKind("pact", PactInput.self, date: "signed_on", parent: ("household", "household_id")),
        RecordKind("pact_commitment", CommitmentInput.self, date: "due_on", parent: ("pact", "pact_id")),
        RecordKind("pact_review", ReviewInput.self, date: "reviewed_on", parent: ("pact", "pact_id")),
        RecordKind("lab", LabInput.self, name: "title"),
        RecordKind("lab_session", SessionInput.self, date: "held_on", parent: ("lab", "lab_id")),
        RecordKind("civic_center", CivicCenterInput.self, name: "name", date: "opened_on"),
        RecordKind("need_report", NeedInput.self, date: "reported_on", parent: ("civic_center", "civic_center_id")),
        RecordKind("volunteer_hours", VolunteerHoursInput.self, date: "done_on", parent: ("partner", "partner_id")),
        RecordKind("partner", PartnerInput.self, name: "name"),
        RecordKind("staff", StaffInput.self, name: "name"),
        RecordKind("funding", FundingInput.self, date: "on_date", parent: ("partner", "partner_id")),
        RecordKind("budget_line", BudgetLineInput.self),
        RecordKind("expense", ExpenseInput.self, date: "spent_on", parent: ("budget_line", "budget_line_id")),
    ]

    /// The kind kept in `table`, if any.
    public static func named(_ table: String) -> RecordKind? { all.first { $0.table == table } }

    /// The kinds whose rows hang from a row of this kind (a household's people and pacts).
    public var children: [RecordKind] { Self.all.filter { $0.parent?.table == table } }
}

extension RecordKind {
    /// The texts a form of this kind shows for `record`, as a person would type them (amounts in
    /// euros, references as ids): editing a record starts from them.
    public func texts(of record: SavedRecord) -> [String: String?] {
        var texts: [String: String?] = [:]
        for field in fields {
            switch (field.rule, record[field.column]) {
            case (_, .null): texts[field.column] = .some(nil)
            case (.euros, .integer(let cents)): texts[field.column] = Euros.plain(cents)
            case (_, .text(let text)): texts[field.column] = text
            case (_, .integer(let number)): texts[field.column] = String(number)
            case (_, .real(let number)):
                texts[field.column] = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            case (_, let value): texts[field.column] = value.description
            }
        }
        return texts
    }
}
