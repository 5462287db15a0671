import Foundation
import OfficeWork
import ReplicaStore
import SiteClient
import SyncCore

/// Builds and renders the app's pages from the office's replica, inside the desk (one request at a
/// time on the replica's connection). Not `Sendable`: it holds the office for one request.
struct PageBuilder {
    let office: Office
    let texts: Texts
    let staff: StaffSession
    let path: String
    let flash: Flash?
    let namer: RecordNamer

    init(office: Office, texts: Texts, staff: StaffSession, path: String, flash: Flash?) {
        self.office = office
        // Names of tables, fields and values come from the replica's catalog (a published version
        // may have added some); the page texts from the language's file.
        let texts = texts.naming(with: office.replica.catalog)
        self.texts = texts
        self.staff = staff
        self.path = path
        self.flash = flash
        self.namer = RecordNamer(office: office, texts: texts)
    }

    /// What frames a page titled `title`, with the replica's sync status.
    func chrome(_ title: String, current: String? = nil) -> Chrome {
        let status = try? ReplicaStatus(of: office.replica)
        let offline = (status?.consecutiveFailures ?? 0) > 0 && (status?.lastError ?? "").contains("cannot reach")
        return Chrome(
            title: title, officeName: texts.officeName(office.replica.site), user: staff.user,
            roleLabel: texts["ui_role_\(staff.role == .operator_ ? "operator" : staff.role.rawValue)"],
            isCoordinator: staff.role != .operator_, isCentral: office.replica.isCentral, csrf: staff.csrf, path: path,
            lastSync: status?.lastSync.map(ItalianFormat.time) ?? texts["ui_never"], unsynced: status?.unpushed ?? 0,
            conflicts: status?.openConflicts ?? 0, hasConflicts: (status?.openConflicts ?? 0) > 0,
            heldBack: status?.heldBack.count ?? 0, hasHeldBack: !(status?.heldBack.isEmpty ?? true), offline: offline,
            nav: RecordKind.all.map { NavItem(href: "/r/\($0.table)", label: texts.tables($0.table), current: $0.table == current) },
            flash: flash?.text, flashError: flash?.isError ?? false)
    }

    /// The home page.
    func home() throws -> String {
        let kinds = try RecordKind.all.map { kind in
            HomePage.Kind(
                href: "/r/\(kind.table)", newHref: "/r/\(kind.table)/new", label: texts.tables(kind.table),
                count: try office.count(kind))
        }
        let held = (try? office.replica.quarantinedRows()) ?? []
        let heldRows = held.map { row in
            let name = RecordKind.named(row.table).map { namer.name(table: $0.table, id: row.id) } ?? row.id
            return "\(texts.table(row.table)) \(name): \(texts.column(row.table, row.column)) (\(row.reason))"
        }
        let page = HomePage(
            t: texts.strings, chrome: chrome(texts["ui_home"]), kinds: kinds, heldBackRows: heldRows,
            hasHeldBackRows: !heldRows.isEmpty)
        return Templates.render(page, "home")
    }

    /// The list of `kind` filtered by the request's `parameters`.
    func list(_ kind: RecordKind, parameters: [String: String]) throws -> String {
        let kind = kind.bound(to: office.replica.catalog)
        let (query, problem) = Self.query(kind, parameters)
        let records = try office.records(kind, matching: query)
        if kind.spec.privacy != .shared {
            let what = texts["ui_read_list"] + (query.search.isEmpty ? "" : " «\(query.search)»")
            try ReadLog(connection: office.replica.connection).record(user: staff.user, table: kind.table, id: "", name: what)
        }
        let columns = listColumns(kind)
        let page = ListPage(
            t: texts.strings, chrome: chrome(texts.tables(kind.table), current: kind.table),
            heading: texts.tables(kind.table), singular: texts.table(kind.table), newHref: "/r/\(kind.table)/new",
            csvHref: "/csv/\(kind.table)" + Self.queryString(parameters), importHref: "/csv/\(kind.table)/import", exportable: kind.spec.privacy != .local,
            listHref: "/r/\(kind.table)", search: parameters["q"] ?? "", filters: filters(kind, parameters),
            dateLabel: kind.dateColumn.map { texts.column(kind.table, $0) }, from: parameters["from"] ?? "",
            to: parameters["to"] ?? "", filterProblem: problem, count: records.count,
            countText: "\(records.count) \(texts[records.count == 1 ? "ui_count_one" : "ui_count"])"
                + (records.count >= query.limit ? " · \(texts["ui_list_truncated"])" : ""),
            headers: [nameHeader(kind)] + columns.map { texts.column(kind.table, $0) },
            rows: rows(records, kind: kind, columns: columns), hasRows: !records.isEmpty)
        return Templates.render(page, "list")
    }

    /// The page of row `id` of `kind`, with its related records; a beneficiary's record is logged as read.
    func record(_ kind: RecordKind, id: String) throws -> String? {
        let kind = kind.bound(to: office.replica.catalog)
        guard (try office.row(kind, id: id)) != nil else { return nil }
        let record = try office.record(kind, id: id)
        let name = namer.name(of: record)
        if kind.spec.privacy != .shared {
            try ReadLog(connection: office.replica.connection).record(user: staff.user, table: kind.table, id: id, name: name)
        }
        let fields = kind.spec.columnNames.map { column -> Cell in
            let text = namer.display(record, column)
            let target = kind.spec.column(named: column)?.references
            let link = target.flatMap { target -> String? in
                guard target != "site", RecordKind.named(target) != nil, let id = record.text(column) else { return nil }
                return "/r/\(target)/\(id)"
            }
            return Cell(header: texts.column(kind.table, column), text: text.isEmpty ? "—" : text, link: link)
        }
        let related = kind.children.map { child -> RelatedSection in
            let records = record.related[child.table] ?? []
            let columns = listColumns(child).filter { $0 != child.parent?.column }
            return RelatedSection(
                table: child.table, heading: texts.tables(child.table), singular: texts.table(child.table),
                count: records.count, newHref: "/r/\(child.table)/new?parent=\(id)",
                headers: [nameHeader(child)] + columns.map { texts.column(child.table, $0) },
                rows: rows(records, kind: child, columns: columns),
                hasRows: !records.isEmpty)
        }
        let page = RecordPage(
            t: texts.strings, chrome: chrome("\(texts.table(kind.table)): \(name)", current: kind.table),
            singular: texts.table(kind.table), recordName: name, editHref: "/r/\(kind.table)/\(id)/edit",
            deleteHref: "/r/\(kind.table)/\(id)/delete", fields: fields, related: related)
        return Templates.render(page, "record")
    }

    /// The form adding a row of `kind` (`id` nil) or correcting row `id`, showing `typed` (what was
    /// posted) or else the row's values, and `problems` beside their fields.
    func form(
        _ kind: RecordKind, id: String?, typed: [String: String]?, parent: String?, problems: FieldProblems = FieldProblems()
    ) throws -> String? {
        let kind = kind.bound(to: office.replica.catalog)
        var shown: [String: String] = [:]
        if let typed {
            shown = typed
        } else if let id {
            guard let record = try office.row(kind, id: id) else { return nil }
            if kind.spec.privacy != .shared {
                try ReadLog(connection: office.replica.connection).record(
                    user: staff.user, table: kind.table, id: id, name: namer.name(of: record))
            }
            for (column, text) in kind.texts(of: record) {
                guard let text else { continue }
                shown[column] = Self.forTyping(text, rule: kind.form.field(for: column)?.rule)
            }
        } else if let parent, let column = kind.parent?.column {
            shown[column] = parent
        }
        let fields = kind.fields.map { field in formField(field, kind: kind, value: shown[field.column] ?? "", problem: problems.byColumn[field.column]) }
        let name = try id.flatMap { try office.row(kind, id: $0) }.map { namer.name(of: $0) }
        let heading = name.map { "\(texts["ui_edit"]): \(texts.table(kind.table)) \($0)" }
            ?? "\(texts["ui_new"]): \(texts.table(kind.table))"
        let page = FormPage(
            t: texts.strings, chrome: chrome(heading, current: kind.table), heading: heading,
            action: id.map { "/r/\(kind.table)/\($0)/edit" } ?? "/r/\(kind.table)/new",
            cancelHref: id.map { "/r/\(kind.table)/\($0)" } ?? "/r/\(kind.table)", fields: fields,
            hasProblems: !problems.byColumn.isEmpty, formProblem: problems.form)
        return Templates.render(page, "form")
    }

    /// The confirmation before deleting row `id` of `kind`.
    func confirmDelete(_ kind: RecordKind, id: String) throws -> String? {
        let kind = kind.bound(to: office.replica.catalog)
        guard let record = try office.row(kind, id: id) else { return nil }
        let name = namer.name(of: record)
        let page = ConfirmPage(
            t: texts.strings, chrome: chrome("\(texts["ui_delete"]): \(name)", current: kind.table),
            singular: texts.table(kind.table), recordName: name, action: "/r/\(kind.table)/\(id)/delete",
            cancelHref: "/r/\(kind.table)/\(id)")
        return Templates.render(page, "confirm")
    }

    /// The open conflicts `parameters` select (`site`, `table`, `age` in days), each in words: the
    /// row by its name with its fields, each side by office and time, the side every replica shows
    /// meanwhile, and what resolves it where this member of staff may resolve.
    func conflicts(parameters: [String: String], now: Date = Date()) throws -> String {
        let replica = office.replica
        let resolves = staff.role.resolvesConflicts(central: replica.isCentral)
        let all = try replica.describeOpenConflicts()
        let site = parameters["site"] ?? "", table = parameters["table"] ?? "", age = Int(parameters["age"] ?? "") ?? 0
        var items: [ConflictsPage.Item] = []
        for description in all {
            let conflict = description.conflict
            let rowSite = description.fields.first { $0.column == "site" }?.value ?? replica.site
            let oldest = description.sides.compactMap(\.label.time).min()
            guard site.isEmpty || rowSite == site, table.isEmpty || conflict.table == table else { continue }
            if age > 0, let oldest, now.timeIntervalSince(oldest) < Double(age) * 86_400 { continue }
            items.append(item(description, mayResolve: resolves && replica.mayResolve(conflict), since: oldest))
        }
        let sites = Set(all.map { $0.fields.first { $0.column == "site" }?.value ?? replica.site }).sorted()
        let tables = Set(all.map(\.conflict.table)).sorted()
        let filters = [
            Filter(name: "site", label: texts["ui_filter_site"], options: [Option(value: "", label: texts["ui_any"], selected: site.isEmpty)]
                + sites.map { Option(value: $0, label: texts.value("", "site_id", $0), selected: $0 == site) }),
            Filter(name: "table", label: texts["ui_filter_table"], options: [Option(value: "", label: texts["ui_any"], selected: table.isEmpty)]
                + tables.map { Option(value: $0, label: texts.tables($0), selected: $0 == table) }),
            Filter(name: "age", label: texts["ui_filter_age"], options: [("", "ui_age_any"), ("1", "ui_age_1"), ("7", "ui_age_7"), ("30", "ui_age_30")].map {
                Option(value: $0.0, label: texts[$0.1], selected: $0.0 == (parameters["age"] ?? ""))
            }),
        ]
        let notice = replica.isCentral && !resolves && !all.isEmpty ? texts["ui_only_central_admin"] : nil
        let resolutions = (try? recentResolutions(now: now)) ?? []
        let page = ConflictsPage(
            t: texts.strings, chrome: chrome(texts["ui_conflicts_title"]), filters: filters, notice: notice, items: items,
            resolutions: resolutions, hasResolutions: !resolutions.isEmpty)
        return Templates.render(page, "conflicts")
    }

    /// The conflict's row as people call it; a deleted row by the values keeping it would bring back.
    func rowName(_ description: ConflictDescription) -> String {
        let conflict = description.conflict
        var name = RecordKind.named(conflict.table).map { namer.name(table: $0.table, id: conflict.rowID) } ?? description.rowName
        if name == "—", let kept = conflict.deleteContest?.keptValues {
            name = namer.name(of: SavedRecord(table: conflict.table, id: conflict.rowID, values: kept))
        }
        return name == "—" ? description.rowName : name
    }

    private func item(_ description: ConflictDescription, mayResolve: Bool, since: Date?) -> ConflictsPage.Item {
        let conflict = description.conflict
        let isLive = conflict.column == RowVersion.liveColumn
        let name = rowName(description)
        let fields = description.fields.map { field -> Cell in
            let column = field.column == "site" ? "site_id" : field.column
            let record = SavedRecord(table: conflict.table, id: "", values: [column: .text(field.value)])
            let shown = office.replica.catalog.table(named: conflict.table)?.column(named: column)?.references == nil
                ? namer.display(record, column) : field.value
            return Cell(header: texts.column(conflict.table, column), text: shown.isEmpty ? field.value : shown)
        }
        return ConflictsPage.Item(
            id: conflict.id, tableLabel: texts.table(conflict.table), rowName: name,
            columnLabel: isLive || conflict.deleteContest != nil ? texts["ui_edit_vs_delete"] : texts.column(conflict.table, conflict.column),
            since: since.map(ItalianFormat.time) ?? "—", fields: fields, mayResolve: mayResolve,
            isDeleteContest: conflict.deleteContest != nil, canType: !isLive && conflict.deleteContest == nil,
            action: "/conflicts/\(conflict.id)",
            sides: description.sides.map { side in
                ConflictsPage.Side(
                    number: side.number, text: sideText(side.side, table: conflict.table, column: conflict.column),
                    who: side.label.isThisOffice ? texts["ui_this_office"]
                        : texts.value("", "site_id", side.label.site ?? "?") + (side.label.time.map { ", " + ItalianFormat.time($0) } ?? ""),
                    shown: side.isShown, action: "/conflicts/\(conflict.id)")
            })
    }

    /// The CSV import page of `kind`; with `file`, the preview of what it would add (`data`: the file
    /// as base64, carried to the confirmation).
    func importPage(_ kind: RecordKind, file: [UInt8]?) -> String {
        let kind = kind.bound(to: office.replica.catalog)
        var page = ImportPage(
            t: texts.strings, chrome: chrome("\(texts["ui_import_title"]): \(texts.tables(kind.table))", current: kind.table),
            heading: texts.tables(kind.table), action: "/csv/\(kind.table)/import", cancelHref: "/r/\(kind.table)",
            previewed: false, ready: 0, duplicates: nil, problems: [], hasProblems: false, canImport: false, nothingNew: false,
            data: "")
        if let file {
            let preview = ListImport(kind: kind, office: office, texts: texts).preview(file)
            page.previewed = true
            page.ready = preview.rows.count
            page.duplicates = preview.duplicates > 0 ? preview.duplicates : nil
            page.problems = preview.problems.map { ImportPage.Problem(line: $0.line, text: $0.text) }
            page.hasProblems = !preview.problems.isEmpty
            page.canImport = preview.problems.isEmpty && !preview.rows.isEmpty
            page.nothingNew = preview.problems.isEmpty && preview.rows.isEmpty
            page.data = Data(file).base64EncodedString()
        }
        return Templates.render(page, "import")
    }

    /// The log of reads (coordinators only).
    func audit() throws -> String {
        let entries = try ReadLog(connection: office.replica.connection).entries()
        let headers = [texts["ui_when"], texts["ui_who"], texts["ui_what"]]
        let rows = entries.map { entry in
            Row(cells: [
                Cell(header: headers[0], text: ItalianFormat.time(entry.at)), Cell(header: headers[1], text: entry.user),
                Cell(header: headers[2], text: "\(texts.table(entry.table)): \(entry.name)"),
            ])
        }
        let page = AuditPage(
            t: texts.strings, chrome: chrome(texts["ui_audit_title"]), headers: headers, rows: rows, hasRows: !rows.isEmpty)
        return Templates.render(page, "audit")
    }

    /// A page with `heading` and `message`.
    func notice(_ heading: String, _ message: String) -> String {
        Templates.render(NoticePage(t: texts.strings, chrome: chrome(heading), heading: heading, message: message, backHref: "/"), "notice")
    }

    // MARK: Parts

    /// The columns a list of `kind` shows after the record's name: its form's fields but the name's
    /// own column, at most six.
    func listColumns(_ kind: RecordKind) -> [String] {
        Array(kind.formColumns.filter { $0 != kind.nameColumn }.prefix(6))
    }

    /// The header of the name cell of a list of `kind`.
    private func nameHeader(_ kind: RecordKind) -> String {
        kind.nameColumn.map { texts.column(kind.table, $0) } ?? texts.table(kind.table)
    }

    private func rows(_ records: [SavedRecord], kind: RecordKind, columns: [String]) -> [Row] {
        records.map { record in
            let name = Cell(header: nameHeader(kind), text: namer.name(of: record), link: "/r/\(kind.table)/\(record.id)")
            return Row(cells: [name] + columns.map { column in
                Cell(header: texts.column(kind.table, column), text: namer.display(record, column), link: nil)
            })
        }
    }

    private func filters(_ kind: RecordKind, _ parameters: [String: String]) -> [Filter] {
        kind.form.fields.compactMap { field -> Filter? in
            let values: [String]
            switch field.rule {
            case .choice: values = kind.spec.column(named: field.column)?.allowed ?? []
            case .oneOf(let list): values = list
            default: return nil
            }
            let chosen = parameters[field.column] ?? ""
            return Filter(
                name: field.column, label: texts.column(kind.table, field.column),
                options: values.map { Option(value: $0, label: texts.value(kind.table, field.column, $0), selected: $0 == chosen) })
        }
    }

    private func formField(_ field: RecordForm.Field, kind: RecordKind, value: String, problem: String?) -> FormField {
        var options: [Option] = []
        var isSelect = false
        var inputmode: String? = nil
        var placeholder: String? = nil
        switch field.rule {
        case .choice:
            isSelect = true
            options = (kind.spec.column(named: field.column)?.allowed ?? []).map {
                Option(value: $0, label: texts.value(kind.table, field.column, $0), selected: $0 == value)
            }
        case .oneOf(let values):
            isSelect = true
            options = values.map { Option(value: $0, label: texts.value(kind.table, field.column, $0), selected: $0 == value) }
        case .reference(let target):
            isSelect = true
            if let targetKind = RecordKind.named(target) {
                let records = (try? office.records(targetKind, matching: RecordQuery(limit: 2_000))) ?? []
                options = records.map { Option(value: $0.id, label: namer.name(of: $0), selected: $0.id == value) }
                    .sorted { $0.label.localizedCaseInsensitiveCompare($1.label) == .orderedAscending }
                if !value.isEmpty, !options.contains(where: { $0.value == value }) {
                    // The row referred to is beyond the list's cap: it stays chosen.
                    options.insert(Option(value: value, label: namer.name(table: target, id: value), selected: true), at: 0)
                }
            }
        case .date:
            inputmode = "numeric"
            placeholder = texts["ui_date_hint"]
        case .euros, .cents, .positiveCents:
            inputmode = "decimal"
            placeholder = texts["ui_amount_hint"]
        case .whole:
            inputmode = "numeric"
        case .positive:
            inputmode = "decimal"
        default:
            break
        }
        let long = ["description", "notes", "vulnerability", "outcome", "response", "address", "activity"].contains(field.column)
        return FormField(
            name: field.column, label: texts.column(kind.table, field.column), value: value, required: field.required,
            problem: problem, isSelect: isSelect, isTextarea: !isSelect && long, isInput: !isSelect && !long, options: options,
            inputmode: inputmode, placeholder: placeholder)
    }

    private func sideText(_ side: OpenConflict.Side, table: String, column: String) -> String {
        if side.isDelete { return texts["ui_deleted_value"] }
        if column == RowVersion.liveColumn { return texts["ui_row_edited"] }
        let record = SavedRecord(table: table, id: "", values: [column: side.value])
        let text = namer.display(record, column)
        return text.isEmpty ? texts["ui_empty_value"] : text
    }

    // MARK: Pure helpers

    /// The query the request's parameters ask for, and a problem with them in words (a bad date).
    static func query(_ kind: RecordKind, _ parameters: [String: String]) -> (RecordQuery, String?) {
        var query = RecordQuery(search: parameters["q"] ?? "")
        var problem: String? = nil
        for field in kind.fields {
            guard let value = parameters[field.column], !value.isEmpty else { continue }
            switch field.rule {
            case .choice, .oneOf, .reference: query.equals[field.column] = value
            default: break
            }
        }
        if let parent = kind.parent, let value = parameters[parent.column], !value.isEmpty { query.equals[parent.column] = value }
        for (key, keyPath) in [("from", \RecordQuery.from), ("to", \RecordQuery.to)] {
            guard let text = parameters[key], !text.isEmpty else { continue }
            if let iso = ItalianFormat.parseDate(text), let date = ISODate(iso) {
                query[keyPath: keyPath] = date
            } else {
                problem = "'\(text)' \(Texts.italian["ui_bad_date"])"
            }
        }
        return (query, problem)
    }

    /// `?a=1&b=2` for `parameters` (empty for none).
    static func queryString(_ parameters: [String: String]) -> String {
        let pairs = parameters.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { key, value in
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            return "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    /// A stored form value as a person types it: dates dd/mm/yyyy, amounts and decimals with a comma.
    static func forTyping(_ text: String, rule: FieldRule?) -> String {
        switch rule {
        case .date?: return ItalianFormat.date(text)
        case .euros?:
            guard let cents = Euros.cents(from: text) else { return text }
            return String(ItalianFormat.euros(cents).dropLast(2))
        case .positive?: return text.replacingOccurrences(of: ".", with: ",")
        default: return text
        }
    }
}

/// A message shown once on the next page (after a save, a delete, a sync).
struct Flash: Sendable {
    var text: String
    var isError: Bool
}
