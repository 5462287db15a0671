import Foundation
import HTTPTypes
import Hummingbird
import OfficeWork
import SiteClient
import SyncProtocol

/// The office app's routes: sign-in, the records of every kind (list, page, new, correct, delete),
/// CSV export, sync, conflicts and the read log.
struct OfficeRoutes: Sendable {
    let desk: ReplicaDesk
    let sessions: SessionStore
    let accounts: AccountDesk
    let texts: Texts
    let secureCookies: Bool

    func register(on router: Router<OfficeRequestContext>) {
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/static/app.js") { _, _ in HTMLResponse.asset(Script.js, contentType: "text/javascript; charset=utf-8") }
        router.get("/static/app.css") { _, _ in HTMLResponse.asset(Stylesheet.css, contentType: "text/css; charset=utf-8") }
        router.get("/login") { request, context in try await loginPage(request, problem: nil) }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, context in await logout(context) }
        router.get("/") { request, context in try await page(request, context) { try $0.home() } }
        router.get("/r/:table") { request, context in
            let kind = try Self.kind(context)
            let parameters = Self.parameters(request)
            return try await page(request, context) { try $0.list(kind, parameters: parameters) }
        }
        router.get("/r/:table/new") { request, context in
            let kind = try Self.kind(context)
            let parent = request.uri.queryParameters["parent"].map(String.init)
            return try await page(request, context) { try $0.form(kind, id: nil, typed: nil, parent: parent) }
        }
        router.post("/r/:table/new") { request, context in try await save(request, context, id: nil) }
        router.get("/r/:table/:id") { request, context in
            let (kind, id) = (try Self.kind(context), try Self.id(context))
            return try await page(request, context) { try $0.record(kind, id: id) }
        }
        router.get("/r/:table/:id/edit") { request, context in
            let (kind, id) = (try Self.kind(context), try Self.id(context))
            return try await page(request, context) { try $0.form(kind, id: id, typed: nil, parent: nil) }
        }
        router.post("/r/:table/:id/edit") { request, context in try await save(request, context, id: try Self.id(context)) }
        router.get("/r/:table/:id/delete") { request, context in
            let (kind, id) = (try Self.kind(context), try Self.id(context))
            return try await page(request, context) { try $0.confirmDelete(kind, id: id) }
        }
        router.post("/r/:table/:id/delete") { request, context in try await delete(request, context) }
        router.get("/csv/:table") { request, context in try await exportCSV(request, context) }
        router.get("/csv/:table/import") { request, context in
            let kind = try Self.kind(context)
            return try await page(request, context) { $0.importPage(kind, file: nil) }
        }
        router.post("/csv/:table/import") { request, context in try await importCSV(request, context) }
        router.post("/sync") { request, context in try await sync(context) }
        router.get("/conflicts") { request, context in
            let parameters = Self.parameters(request)
            return try await page(request, context) { try $0.conflicts(parameters: parameters) }
        }
        router.post("/conflicts/:id") { request, context in try await resolve(context) }
        router.get("/report") { request, context in
            guard try context.staff.role != .operator_ else {
                return try await page(request, context, status: .forbidden) { $0.notice(texts["ui_error"], texts["ui_coordinators_only"]) }
            }
            let period = request.uri.queryParameters["period"].map(String.init) ?? ""
            return try await page(request, context) { try $0.report(periodText: period) }
        }
        router.get("/report.csv") { request, context in
            guard try context.staff.role != .operator_ else { throw HTTPError(.forbidden) }
            let period = (try? ReportPeriod(half: request.uri.queryParameters["period"].map(String.init) ?? "")) ?? .allTime
            let csv = try await desk.run { office in
                "\u{FEFF}" + (try office.report(.all, period: period)).map { $0.csv(separator: ";") }.joined(separator: "\r\n")
            }
            return HTMLResponse.download(Array(csv.utf8), filename: "rendicontazione-\(period.description).csv", contentType: "text/csv; charset=utf-8")
        }
        router.get("/sites") { request, context in try await page(request, context) { $0.sites() } }
        router.get("/sites/retire") { request, context in
            guard try context.staff.role == .centralAdmin else { throw HTTPError(.forbidden) }
            let replica = request.uri.queryParameters["replica"].map(String.init) ?? ""
            return try await page(request, context) { $0.confirmRetire(replica) }
        }
        router.post("/sites/retire") { request, context in
            guard try context.staff.role == .centralAdmin else { throw HTTPError(.forbidden) }
            let replica = context.form.fields["replica"] ?? ""
            let texts = self.texts
            let problem: String? = try await desk.run { office -> String? in
                do {
                    _ = try CentralOfficeDesk(replica: office.replica).retire(replica)
                    return nil
                } catch {
                    return "\(texts["ui_error"]): \(error)"
                }
            }
            await flash(problem ?? texts["ui_retired"], context, isError: problem != nil)
            return HTMLResponse.redirect(to: "/sites")
        }
        router.get("/audit") { request, context in
            guard try context.staff.role != .operator_ else {
                return try await page(request, context, status: .forbidden) { $0.notice(texts["ui_error"], texts["ui_coordinators_only"]) }
            }
            return try await page(request, context) { try $0.audit() }
        }
    }

    // MARK: Sign-in

    private func loginPage(_ request: Request, problem: String?, user: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        // One token per browser: a second tab (or the favicon's redirect) must not void the first form.
        let existing = HTMLResponse.cookieValue(HTMLResponse.loginCookie, in: request)
        let token = existing.flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : nil } ?? SessionStore.randomToken()
        let page = LoginPage(t: texts.strings, officeName: texts.officeName(desk.site), csrf: token, user: user, problem: problem)
        return HTMLResponse.page(
            Templates.render(page, "login"), status: status,
            headers: [.setCookie: HTMLResponse.cookie(HTMLResponse.loginCookie, token, secure: secureCookies)])
    }

    private func login(_ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let form = context.form.fields
        guard let sent = form["_csrf"], let cookie = HTMLResponse.cookieValue(HTMLResponse.loginCookie, in: request),
            StaffSessionMiddleware.constantTimeEquals(sent, cookie)
        else {
            return try await loginPage(request, problem: texts["ui_form_expired"], status: .forbidden)
        }
        let user = form["user"] ?? ""
        switch try await accounts.signIn(name: user, password: form["password"] ?? "") {
        case .signedIn(let name, let role):
            let token = await sessions.open(user: name, role: role)
            var headers = HTTPFields()
            headers.append(HTTPField(name: .setCookie, value: HTMLResponse.cookie(HTMLResponse.sessionCookie, token, secure: secureCookies)))
            headers.append(HTTPField(name: .setCookie, value: HTMLResponse.cookie(HTMLResponse.loginCookie, "", secure: secureCookies, maxAge: 0)))
            return HTMLResponse.redirect(to: "/", headers: headers)
        case .refused:
            return try await loginPage(request, problem: texts["ui_login_failed"], user: user, status: .unauthorized)
        case .locked:
            return try await loginPage(request, problem: texts["ui_login_locked"], user: user, status: .tooManyRequests)
        }
    }

    private func logout(_ context: OfficeRequestContext) async -> Response {
        if let token = context.sessionToken { await sessions.close(token) }
        return HTMLResponse.redirect(
            to: "/login", headers: [.setCookie: HTMLResponse.cookie(HTMLResponse.sessionCookie, "", secure: secureCookies, maxAge: 0)])
    }

    // MARK: Records

    /// Renders a page built on the desk; nil from `build` is a 404 page.
    private func page(
        _ request: Request, _ context: OfficeRequestContext, status: HTTPResponse.Status = .ok,
        _ build: @escaping @Sendable (PageBuilder) throws -> String?
    ) async throws -> Response {
        let staff = try context.staff
        let flash = await context.sessionToken.asyncMap { await sessions.takeFlash(for: $0) } ?? nil
        let path = request.uri.path
        let texts = self.texts
        let html = try await desk.run { office in
            let builder = PageBuilder(office: office, texts: texts, staff: staff, path: path, flash: flash)
            if let html = try build(builder) { return (html, true) }
            return (builder.notice(texts["ui_not_found"], texts["ui_not_found_text"]), false)
        }
        return HTMLResponse.page(html.0, status: html.1 ? status : .notFound)
    }

    private func save(_ request: Request, _ context: OfficeRequestContext, id: String?) async throws -> Response {
        let kind = try Self.kind(context)
        let staff = try context.staff
        let posted = context.form.fields
        let texts = self.texts
        let path = request.uri.path
        let parent = kind.parent.flatMap { posted[$0.column] }
        let result: (saved: String?, html: String?) = try await desk.run { office in
            switch FormSubmission.submit(kind, id: id, posted: posted, office: office, texts: texts) {
            case .saved(let id):
                return (id, nil)
            case .refused(let problems):
                let builder = PageBuilder(office: office, texts: texts, staff: staff, path: path, flash: nil)
                return (nil, try builder.form(kind, id: id, typed: posted, parent: parent, problems: problems))
            }
        }
        if let saved = result.saved {
            await flash(texts["ui_saved"], context)
            return HTMLResponse.redirect(to: "/r/\(kind.table)/\(saved)")
        }
        return HTMLResponse.page(result.html ?? "", status: .unprocessableContent)
    }

    private func delete(_ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let (kind, id) = (try Self.kind(context), try Self.id(context))
        let texts = self.texts
        let problem: String? = try await desk.run { office -> String? in
            do throws(OfficeError) {
                try office.delete(kind, id: id)
                return nil
            } catch .notFound {
                return texts["ui_not_found_text"]
            } catch {
                return FieldProblems(error, kind: kind, texts: texts).form ?? error.description
            }
        }
        if let problem {
            await flash(problem, context, isError: true)
            return HTMLResponse.redirect(to: "/r/\(kind.table)/\(id)")
        }
        await flash(texts["ui_deleted"], context)
        return HTMLResponse.redirect(to: "/r/\(kind.table)")
    }

    private func exportCSV(_ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let kind = try Self.kind(context)
        _ = try context.staff
        guard kind.spec.privacy != .local else { throw HTTPError(.notFound) }
        let parameters = Self.parameters(request)
        let texts = self.texts
        let csv = try await desk.run { office in try ListExport.csv(kind, parameters: parameters, office: office, texts: texts) }
        let date = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
        return HTMLResponse.download(Array(csv.utf8), filename: "\(kind.table)-\(date).csv", contentType: "text/csv; charset=utf-8")
    }

    /// An uploaded file is previewed; a confirmed one (the previewed file, carried back) is imported
    /// whole, or not at all when anything changed meanwhile.
    private func importCSV(_ request: Request, _ context: OfficeRequestContext) async throws -> Response {
        let kind = try Self.kind(context)
        let fields = context.form.fields
        if fields["confirm"] == "1", let data = fields["data"].flatMap({ Data(base64Encoded: $0) }) {
            let bytes = [UInt8](data)
            let texts = self.texts
            let added: Int? = try await desk.run { office -> Int? in
                let preview = ListImport(kind: kind, office: office, texts: texts).preview(bytes)
                guard preview.problems.isEmpty,
                    (try? office.addAll(kind, rows: preview.rows, dryRun: false))?.isEmpty == true
                else { return nil }
                return preview.rows.count
            }
            if let added {
                await flash("\(texts["ui_import_done"]) \(added)", context)
                return HTMLResponse.redirect(to: "/r/\(kind.table)")
            }
            await flash(texts["ui_import_bad"], context, isError: true)
            return HTMLResponse.redirect(to: "/csv/\(kind.table)/import")
        }
        let file = context.form.files["file"] ?? []
        guard file.count <= Self.maxImportBytes else {
            await flash(texts["ui_import_too_big"], context, isError: true)
            return HTMLResponse.redirect(to: "/csv/\(kind.table)/import")
        }
        return try await page(request, context) { $0.importPage(kind, file: file) }
    }

    /// The largest CSV file imported: its confirmation carries it back as base64 (4/3 larger),
    /// under the 16 MiB a form may be.
    static let maxImportBytes = 8 * 1024 * 1024

    // MARK: Sync and conflicts

    private func sync(_ context: OfficeRequestContext) async throws -> Response {
        // Only a path of this app (letters, digits, '/', '-', '_', '.'): never another site's address.
        let back = context.form.fields["back"].flatMap { path in
            path.hasPrefix("/") && !path.hasPrefix("//")
                && path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/-_.".contains($0)) } ? path : nil
        } ?? "/"
        do {
            let summary = try await desk.sync()
            var text = "\(texts["ui_sync_done"]): \(summary.pushed) \(texts["ui_sent"]), \(summary.pulled) \(texts["ui_received"])"
            if summary.conflicts > 0 { text += ", \(summary.conflicts) \(texts["ui_open_conflicts"])" }
            if summary.heldBack > 0 { text += ", \(summary.heldBack) \(texts["ui_held_back"])" }
            await flash(text, context)
        } catch let error as SyncError {
            if case .locked = error {
                await flash(texts["ui_sync_busy"], context, isError: true)
            } else if case .transport = error {
                await flash("\(texts["ui_sync_failed"]): \(texts["ui_offline"])", context, isError: true)
            } else {
                await flash("\(texts["ui_sync_failed"]): \(error.description)", context, isError: true)
            }
        }
        return HTMLResponse.redirect(to: back)
    }

    /// Resolves a conflict by a side (`side`), by keeping or deleting an edited-and-deleted row
    /// (`action`), or with a typed value (`value`), where this member of staff may.
    private func resolve(_ context: OfficeRequestContext) async throws -> Response {
        guard let conflict = context.parameters.get("id").flatMap(Int64.init) else { throw HTTPError(.badRequest) }
        let staff = try context.staff
        let fields = context.form.fields
        let texts = self.texts
        let problem: String? = try await desk.run { office -> String? in
            let replica = office.replica
            guard staff.role.resolvesConflicts(central: replica.isCentral) else { return texts["ui_only_central_admin"] }
            guard let description = try replica.describeOpenConflicts().first(where: { $0.conflict.id == conflict }) else {
                return texts["ui_not_found_text"]
            }
            guard let resolution = ConflictResolutionForm.resolution(fields, description: description, catalog: replica.catalog) else {
                return texts["ui_fix_fields"]
            }
            // Named before the resolution changes the row (a deleted row is named by what it held).
            let name = PageBuilder(office: office, texts: texts, staff: staff, path: "", flash: nil).rowName(description)
            do {
                try replica.resolve(conflict: conflict, with: resolution)
                let column = description.conflict.column
                let label = "\(texts.table(description.conflict.table)): \(name)"
                    + (column.hasPrefix("_") ? "" : " · \(texts.column(description.conflict.table, column))")
                try? ResolutionLog(connection: replica.connection).record(user: staff.user, label: label)
                return nil
            } catch {
                return "\(error)"
            }
        }
        await flash(problem ?? texts["ui_resolved"], context, isError: problem != nil)
        return HTMLResponse.redirect(to: "/conflicts")
    }

    // MARK: Helpers

    private func flash(_ text: String, _ context: OfficeRequestContext, isError: Bool = false) async {
        if let token = context.sessionToken { await sessions.setFlash(Flash(text: text, isError: isError), for: token) }
    }

    private static func kind(_ context: OfficeRequestContext) throws -> RecordKind {
        guard let table = context.parameters.get("table"), let kind = RecordKind.named(table) else {
            throw HTTPError(.notFound)
        }
        return kind
    }

    private static func id(_ context: OfficeRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty, id.utf8.count <= 200 else { throw HTTPError(.notFound) }
        return id
    }

    private static func parameters(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
        return parameters
    }
}

extension Optional {
    /// The wrapped value mapped by an async `transform`.
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async -> T) async -> T? {
        switch self {
        case .some(let value): await transform(value)
        case .none: nil
        }
    }
}
