import Mustache

/// The app's pages as Mustache templates. Every value goes through `{{ }}`, which HTML-escapes it;
/// the one unescaped `{{{ }}}` is the report's charts, SVG that `BarChart` writes and escapes itself. Every word comes from the page's `t` (`Texts`), none
/// is written here. `top` and `bottom` frame every page of a signed-in member of staff.
enum Templates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in sources {
            do {
                try library.register(text, named: name)
            } catch {
                // The templates are literals of this file: a parse error is a bug the tests catch at once.
                fatalError("the office app's template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// Renders `page` with the template `name`.
    static func render(_ page: Any, _ name: String) -> String {
        library.render(page, withTemplate: name) ?? ""
    }

    static let sources: [String: String] = [
        "top": """
            <!DOCTYPE html>
            <html lang="it">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{chrome.title}} · {{t.ui_app}}</title>
            <link rel="stylesheet" href="/static/app.css">
            </head>
            <body>
            <a class="skip" href="#main">{{t.ui_skip}}</a>
            {{#chrome}}
            <header class="top">
            <a class="brand" href="/">{{t.ui_app}} · {{officeName}}</a>
            <div class="who"><span>{{t.ui_signed_in_as}}: <strong>{{user}}</strong> ({{roleLabel}})</span>
            {{#isCentral}}<a href="/sites">{{t.ui_sites}}</a>{{/isCentral}}
            {{#isCoordinator}}<a href="/audit">{{t.ui_audit_title}}</a> <a href="/report">{{t.ui_report}}</a>{{/isCoordinator}}
            <form method="post" action="/logout"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="secondary" type="submit">{{t.ui_logout}}</button></form>
            </div>
            </header>
            <div class="statusbar" role="status" aria-live="polite">
            <span>{{t.ui_last_sync}}: <strong>{{lastSync}}</strong></span>
            <span><strong>{{unsynced}}</strong> {{t.ui_unsynced}}</span>
            <a href="/conflicts"{{#hasConflicts}} class="conflicts"{{/hasConflicts}}><strong>{{conflicts}}</strong> {{t.ui_open_conflicts}}</a>
            {{#hasHeldBack}}<span class="offline">{{heldBack}} {{t.ui_held_back}}</span>{{/hasHeldBack}}
            {{#offline}}<span class="offline">{{t.ui_offline}}</span>{{/offline}}
            <form method="post" action="/sync"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="back" value="{{path}}"><button type="submit" id="sync-now">{{t.ui_sync_now}}</button></form>
            </div>
            <nav class="kinds" aria-label="{{t.ui_records}}"><ul>
            {{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}
            </ul></nav>
            {{/chrome}}
            <main id="main">
            {{#chrome.flash}}<p class="flash{{#chrome.flashError}} error{{/chrome.flashError}}" role="alert" id="flash">{{chrome.flash}}</p>{{/chrome.flash}}
            """,
        "bottom": """
            </main>
            </body>
            </html>
            """,
        "login": """
            <!DOCTYPE html>
            <html lang="it">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{t.ui_login_title}} · {{t.ui_app}}</title>
            <link rel="stylesheet" href="/static/app.css">
            </head>
            <body>
            <header class="top"><span class="brand">{{t.ui_app}} · {{officeName}}</span></header>
            <main id="main">
            <h1>{{t.ui_login_title}}</h1>
            <p>{{t.ui_login_intro}}</p>
            {{#problem}}<p class="flash error" role="alert" id="flash">{{problem}}</p>{{/problem}}
            <form method="post" action="/login" class="card">
            <input type="hidden" name="_csrf" value="{{csrf}}">
            <div class="field"><label for="user">{{t.ui_user}}</label><input id="user" name="user" autocomplete="username" required autofocus value="{{user}}"></div>
            <div class="field"><label for="password">{{t.ui_password}}</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
            <div class="actions"><button type="submit">{{t.ui_login}}</button></div>
            </form>
            </main>
            </body>
            </html>
            """,
        "notice": """
            {{>top}}
            <h1>{{heading}}</h1>
            <p>{{message}}</p>
            <p><a href="{{backHref}}">{{t.ui_home}}</a></p>
            {{>bottom}}
            """,
        "home": """
            {{>top}}
            <h1>{{t.ui_welcome}}</h1>
            <table class="list">
            <thead><tr><th scope="col">{{t.ui_records}}</th><th scope="col" class="num">{{t.ui_count_header}}</th><th scope="col"><span class="skip">{{t.ui_new}}</span></th></tr></thead>
            <tbody>
            {{#kinds}}<tr><td data-label="{{t.ui_records}}"><a href="{{href}}">{{label}}</a></td><td data-label="{{t.ui_count_header}}" class="num">{{count}}</td><td><a href="{{newHref}}" aria-label="{{t.ui_new}}: {{label}}">{{t.ui_new}}</a></td></tr>{{/kinds}}
            </tbody>
            </table>
            {{#hasHeldBackRows}}<h2>{{t.ui_held_back_title}}</h2><ul>{{#heldBackRows}}<li>{{.}}</li>{{/heldBackRows}}</ul>{{/hasHeldBackRows}}
            {{>bottom}}
            """,
        "list": """
            {{>top}}
            <h1>{{heading}}</h1>
            <div class="actions">
            <a class="button" href="{{newHref}}" id="new-record">{{t.ui_new}}: {{singular}}</a>
            {{#exportable}}<a class="button secondary" href="{{csvHref}}" id="export-csv">{{t.ui_export_csv}}</a>
            <a class="button secondary" href="{{importHref}}" id="import-csv">{{t.ui_import_csv}}</a>{{/exportable}}
            </div>
            <form class="filters card" method="get" action="{{listHref}}" role="search">
            <label for="q">{{t.ui_search}}<input type="search" id="q" name="q" value="{{search}}" placeholder="{{t.ui_search_hint}}"></label>
            {{#filters}}<label for="filter-{{name}}">{{label}}<select id="filter-{{name}}" name="{{name}}"><option value="">{{t.ui_any}}</option>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></label>{{/filters}}
            {{#dateLabel}}<label for="from">{{dateLabel}}: {{t.ui_from}}<input id="from" name="from" value="{{from}}" placeholder="{{t.ui_date_hint}}" inputmode="numeric" size="11"></label>
            <label for="to">{{t.ui_to}}<input id="to" name="to" value="{{to}}" placeholder="{{t.ui_date_hint}}" inputmode="numeric" size="11"></label>{{/dateLabel}}
            <button type="submit" id="apply-filters">{{t.ui_filter}}</button> <a href="{{listHref}}">{{t.ui_clear}}</a>
            </form>
            {{#filterProblem}}<p class="flash error" role="alert">{{filterProblem}}</p>{{/filterProblem}}
            <p class="muted" id="count">{{countText}}</p>
            {{>table}}
            {{>bottom}}
            """,
        "table": """
            {{#hasRows}}<table class="list">
            <thead><tr>{{#headers}}<th scope="col">{{.}}</th>{{/headers}}</tr></thead>
            <tbody>
            {{#rows}}<tr>{{#cells}}<td data-label="{{header}}">{{#link}}<a href="{{link}}">{{text}}</a>{{/link}}{{^link}}{{text}}{{/link}}</td>{{/cells}}</tr>{{/rows}}
            </tbody>
            </table>{{/hasRows}}
            {{^hasRows}}<p>{{t.ui_none}}</p>{{/hasRows}}
            """,
        "record": """
            {{>top}}
            <h1>{{singular}}: {{recordName}}</h1>
            <div class="actions">
            <a class="button" href="{{editHref}}" id="edit-record">{{t.ui_edit}}</a>
            <a class="button danger" href="{{deleteHref}}" id="delete-record">{{t.ui_delete}}</a>
            </div>
            <div class="card"><dl class="fields">
            {{#fields}}<dt>{{header}}</dt><dd>{{#link}}<a href="{{link}}">{{text}}</a>{{/link}}{{^link}}{{text}}{{/link}}</dd>{{/fields}}
            </dl></div>
            {{#related}}<section aria-labelledby="rel-{{table}}">
            <h2 id="rel-{{table}}">{{heading}} ({{count}})</h2>
            <div class="actions"><a class="button secondary" href="{{newHref}}" id="add-{{table}}">{{t.ui_add_related}}: {{singular}}</a></div>
            {{>table}}
            </section>{{/related}}
            {{>bottom}}
            """,
        "form": """
            {{>top}}
            <h1>{{heading}}</h1>
            {{#hasProblems}}<p class="flash error" role="alert" id="flash">{{t.ui_fix_fields}}</p>{{/hasProblems}}
            {{#formProblem}}<p class="flash error" role="alert">{{formProblem}}</p>{{/formProblem}}
            <form method="post" action="{{action}}" class="card" novalidate>
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            {{#fields}}
            <div class="field{{#problem}} has-error{{/problem}}">
            <label for="f-{{name}}">{{label}}{{#required}} *{{/required}}</label>
            {{#isSelect}}<select id="f-{{name}}" name="{{name}}"{{#problem}} aria-invalid="true" aria-describedby="e-{{name}}"{{/problem}}><option value="">{{t.ui_choose}}</option>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isSelect}}
            {{#isTextarea}}<textarea id="f-{{name}}" name="{{name}}" rows="3"{{#problem}} aria-invalid="true" aria-describedby="e-{{name}}"{{/problem}}>{{value}}</textarea>{{/isTextarea}}
            {{#isInput}}<input id="f-{{name}}" name="{{name}}" value="{{value}}"{{#inputmode}} inputmode="{{inputmode}}"{{/inputmode}}{{#placeholder}} placeholder="{{placeholder}}"{{/placeholder}}{{#problem}} aria-invalid="true" aria-describedby="e-{{name}}"{{/problem}}>{{/isInput}}
            {{#problem}}<span class="error" id="e-{{name}}">{{problem}}</span>{{/problem}}
            </div>
            {{/fields}}
            <div class="actions"><button type="submit" id="save">{{t.ui_save}}</button><a class="button secondary" href="{{cancelHref}}">{{t.ui_cancel}}</a></div>
            </form>
            {{>bottom}}
            """,
        "confirm": """
            {{>top}}
            <h1>{{t.ui_delete}}: {{singular}} {{recordName}}</h1>
            <p>{{t.ui_delete_confirm}}</p>
            <form method="post" action="{{action}}" class="actions">
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            <button type="submit" class="danger" id="confirm-delete">{{t.ui_delete}}</button>
            <a class="button secondary" href="{{cancelHref}}">{{t.ui_cancel}}</a>
            </form>
            {{>bottom}}
            """,
        "conflicts": """
            {{>top}}
            <h1>{{t.ui_conflicts_title}}</h1>
            <p>{{t.ui_conflicts_intro}}</p>
            {{#notice}}<p class="flash">{{notice}}</p>{{/notice}}
            <form class="filters card" method="get" action="/conflicts">
            {{#filters}}<label for="filter-{{name}}">{{label}}<select id="filter-{{name}}" name="{{name}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></label>{{/filters}}
            <button type="submit" id="apply-filters">{{t.ui_filter}}</button>
            </form>
            {{^items}}<p>{{t.ui_no_conflicts}}</p>{{/items}}
            {{#items}}<section class="card conflict" id="conflict-{{id}}" aria-labelledby="conflict-title-{{id}}">
            <h2 id="conflict-title-{{id}}">{{tableLabel}}: {{rowName}} · {{columnLabel}}</h2>
            <p class="muted">{{t.ui_since}} {{since}}</p>
            <details><summary>{{t.ui_row_fields}}</summary><dl class="fields">{{#fields}}<dt>{{header}}</dt><dd>{{text}}</dd>{{/fields}}</dl></details>
            <div class="sides">
            {{#sides}}<div class="side{{#shown}} shown{{/shown}}"><div class="value">{{text}}</div><div class="muted">{{t.ui_written_by}} {{who}}</div>{{#shown}}<div class="muted">{{t.ui_shown_now}}</div>{{/shown}}
            {{#mayResolve}}{{^isDeleteContest}}<form method="post" action="{{action}}"><input type="hidden" name="_csrf" value="{{chrome.csrf}}"><input type="hidden" name="side" value="{{number}}"><button type="submit">{{t.ui_keep_this}}</button></form>{{/isDeleteContest}}{{/mayResolve}}
            </div>{{/sides}}
            </div>
            {{#mayResolve}}
            {{#isDeleteContest}}<form method="post" action="{{action}}" class="actions"><input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            <button type="submit" name="action" value="keep">{{t.ui_keep_row}}</button>
            <button type="submit" name="action" value="delete" class="danger">{{t.ui_delete_row}}</button></form>{{/isDeleteContest}}
            {{#canType}}<form method="post" action="{{action}}" class="actions"><input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            <label for="value-{{id}}">{{t.ui_other_value}}</label> <input id="value-{{id}}" name="value">
            <button type="submit" class="secondary">{{t.ui_write_value}}</button></form>{{/canType}}
            {{/mayResolve}}
            {{^mayResolve}}<p class="muted">{{t.ui_central_resolves}}</p>{{/mayResolve}}
            </section>{{/items}}
            {{#hasResolutions}}<section aria-labelledby="recent-h"><h2 id="recent-h">{{t.ui_recent_resolutions}}</h2>
            <table class="list" id="recent-resolutions"><tbody>
            {{#resolutions}}<tr><td>{{label}}<br><span class="muted">{{resolved}}</span></td><td>{{#everywhere}}<strong>{{state}}</strong>{{/everywhere}}{{^everywhere}}{{state}}{{/everywhere}}</td></tr>{{/resolutions}}
            </tbody></table></section>{{/hasResolutions}}
            {{>bottom}}
            """,
        "report": """
            {{>top}}
            <h1>{{t.ui_report_title}} · {{periodLabel}}</h1>
            <p>{{t.ui_report_intro}}</p>
            <div class="actions">
            <form class="filters" method="get" action="/report"><label for="period">{{t.ui_period}}<select id="period" name="period">{{#periods}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/periods}}</select></label><button type="submit" id="show-period">{{t.ui_show}}</button></form>
            <a class="button secondary" href="{{csvHref}}" id="report-csv">{{t.ui_report_csv}}</a>
            <button type="button" class="secondary" data-print id="print">{{t.ui_print}}</button>
            </div>
            {{#sections}}<section class="card report" id="{{id}}" aria-labelledby="{{id}}-h">
            <h2 id="{{id}}-h">{{title}}</h2>
            {{#svg}}<figure class="chart">{{{svg}}}<figcaption class="muted">{{chartTitle}}</figcaption></figure>{{/svg}}
            {{>table}}
            {{#notes}}<p class="muted">{{.}}</p>{{/notes}}
            </section>{{/sections}}
            <script src="/static/app.js"></script>
            {{>bottom}}
            """,
        "sites": """
            {{>top}}
            <h1>{{t.ui_sites_title}}</h1>
            <p>{{t.ui_sites_intro}}</p>
            {{#problem}}<p class="flash error" role="alert">{{problem}}</p>{{/problem}}
            <table class="list" id="computers">
            <thead><tr><th scope="col">{{t.ui_filter_site}}</th><th scope="col">{{t.ui_computer}}</th><th scope="col">{{t.ui_last_push}}</th><th scope="col">{{t.ui_last_pull}}</th><th scope="col" class="num">{{t.ui_lag}}</th><th scope="col">{{t.ui_state}}</th></tr></thead>
            <tbody>
            {{#computers}}<tr><td data-label="{{t.ui_filter_site}}"><strong>{{site}}</strong></td><td data-label="{{t.ui_computer}}">{{computer}}</td>
            <td data-label="{{t.ui_last_push}}">{{lastPush}}</td><td data-label="{{t.ui_last_pull}}">{{lastPull}}</td>
            <td data-label="{{t.ui_lag}}" class="num">{{lag}}</td>
            <td data-label="{{t.ui_state}}">{{#isProblem}}<strong class="warn">{{state}}</strong>{{/isProblem}}{{^isProblem}}{{state}}{{/isProblem}}
            {{#canRetire}}<br><a class="button secondary" href="{{retireHref}}">{{t.ui_retire}}</a>{{/canRetire}}</td></tr>{{/computers}}
            </tbody>
            </table>
            {{>bottom}}
            """,
        "retire": """
            {{>top}}
            <h1>{{t.ui_retire}}: {{computer}}</h1>
            <p>{{t.ui_retire_confirm}}</p>
            <form method="post" action="/sites/retire" class="actions">
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}"><input type="hidden" name="replica" value="{{replica}}">
            <button type="submit" class="danger" id="confirm-retire">{{t.ui_retire}}</button>
            <a class="button secondary" href="/sites">{{t.ui_cancel}}</a>
            </form>
            {{>bottom}}
            """,
        "import": """
            {{>top}}
            <h1>{{t.ui_import_title}}: {{heading}}</h1>
            <p>{{t.ui_import_intro}}</p>
            <form method="post" action="{{action}}" enctype="multipart/form-data" class="card">
            <input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            <div class="field"><label for="file">{{t.ui_import_file}}</label><input type="file" id="file" name="file" accept=".csv,text/csv"></div>
            <div class="actions"><button type="submit" id="preview">{{t.ui_preview}}</button><a class="button secondary" href="{{cancelHref}}">{{t.ui_cancel}}</a></div>
            </form>
            {{#previewed}}
            <section class="card" aria-labelledby="preview-title">
            <h2 id="preview-title">{{t.ui_preview}}</h2>
            <p id="preview-summary">{{t.ui_import_rows}} <strong>{{ready}}</strong>{{#duplicates}} · {{t.ui_import_duplicates}} <strong>{{duplicates}}</strong>{{/duplicates}}</p>
            {{#hasProblems}}<p class="flash error" role="alert">{{t.ui_import_bad}}</p>
            <table class="list" id="import-problems"><thead><tr><th scope="col">{{t.ui_row}}</th><th scope="col">{{t.ui_problem}}</th></tr></thead><tbody>
            {{#problems}}<tr><td data-label="{{t.ui_row}}">{{line}}</td><td data-label="{{t.ui_problem}}">{{text}}</td></tr>{{/problems}}
            </tbody></table>{{/hasProblems}}
            {{#canImport}}<form method="post" action="{{action}}" class="actions"><input type="hidden" name="_csrf" value="{{chrome.csrf}}">
            <input type="hidden" name="data" value="{{data}}"><input type="hidden" name="confirm" value="1">
            <button type="submit" id="confirm-import">{{t.ui_import_confirm}} ({{ready}})</button></form>{{/canImport}}
            {{#nothingNew}}<p>{{t.ui_import_nothing}}</p>{{/nothingNew}}
            </section>
            {{/previewed}}
            {{>bottom}}
            """,
        "audit": """
            {{>top}}
            <h1>{{t.ui_audit_title}}</h1>
            <p>{{t.ui_audit_intro}}</p>
            {{>table}}
            {{>bottom}}
            """,
    ]
}
