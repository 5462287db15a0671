import Mustache

/// The dashboard's HTML, as Mustache templates: one page, inline CSS, no script and no external asset,
/// readable on a phone (the tables turn into cards on narrow screens). Every value goes through
/// `{{ }}`, which HTML-escapes it; no template uses the unescaped `{{{ }}}`.
enum DashboardTemplate {
    /// The dashboard page; renders a `DashboardPage`.
    static let page = compile(
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>FareLegami Sync · central office</title>
        <style>\(style)</style>
        </head>
        <body>
        <header>
        <h1>FareLegami Sync · central office</h1>
        <p class="meta">As of {{generatedAt}} · latest server sequence {{latestSequence}} · store epoch <code>{{epoch}}</code></p>
        </header>
        {{#anyBehind}}
        <p class="banner" role="alert"><strong>Behind:</strong> {{behindList}}. See the reasons below.</p>
        {{/anyBehind}}
        <section id="sites">
        <h2>Sites</h2>
        <table class="cards">
        <thead><tr><th>Site</th><th>Replica</th><th>Last push</th><th>Last pull</th><th class="num">Lag</th><th>State</th></tr></thead>
        <tbody>
        {{#replicas}}
        <tr{{#behind}} class="is-behind"{{/behind}}>
        <td data-label="Site"><strong>{{site}}</strong>{{#central}} <span class="hint">(central office)</span>{{/central}}</td>
        <td data-label="Replica"><code>{{replica}}</code>{{#fork}}<br><span class="hint">{{fork}}</span>{{/fork}}</td>
        <td data-label="Last push">{{lastPush}}</td>
        <td data-label="Last pull">{{lastPull}}</td>
        <td data-label="Lag" class="num">{{lag}}</td>
        <td data-label="State">{{#behind}}<span class="badge warn">behind</span> {{reason}}{{#hasHeldBack}}<ul class="hint">{{#heldBack}}<li>{{.}}</li>{{/heldBack}}</ul>{{/hasHeldBack}}{{/behind}}{{^behind}}{{#retired}}<span class="badge">retired</span> {{reason}}{{/retired}}{{^retired}}<span class="badge ok">up to date</span>{{/retired}}{{/behind}}</td>
        </tr>
        {{/replicas}}
        </tbody>
        </table>
        <p class="hint">Lag: server changes the replica has not pulled yet. A replica is behind when it has
        changes to pull or has not synced for more than 2 days.</p>
        </section>
        <section id="conflicts">
        <h2>Open conflicts ({{openConflictCount}})</h2>
        {{^hasConflicts}}<p>No open conflicts.</p>{{/hasConflicts}}
        {{#hasConflicts}}
        <table class="cards">
        <thead><tr><th>Table</th><th>Row</th><th>Column</th><th>Site</th><th>Values</th></tr></thead>
        <tbody>
        {{#conflicts}}
        <tr>
        <td data-label="Table">{{table}}</td>
        <td data-label="Row"><code>{{rowID}}</code>{{#rowDeleted}} <span class="badge warn">row deleted</span>{{/rowDeleted}}</td>
        <td data-label="Column">{{column}}</td>
        <td data-label="Site">{{site}}</td>
        <td data-label="Values"><div class="sides">{{#sides}}<div class="side{{#shown}} shown{{/shown}}"><div class="value">{{value}}</div><div class="hint">by <code>{{dot}}</code></div>{{#shown}}<div class="hint"><strong>shown until resolved</strong></div>{{/shown}}</div>{{/sides}}</div><div class="hint">opened {{openedAt}}</div></td>
        </tr>
        {{/conflicts}}
        </tbody>
        </table>
        {{/hasConflicts}}
        {{#hasUnlistedConflicts}}<p class="hint">{{unlistedConflicts}} more not listed here: see <code>farelegami conflicts list</code> on the central office's replica.</p>{{/hasUnlistedConflicts}}
        <p class="hint">Resolve a conflict on the central office's replica (<code>farelegami conflicts resolve</code>); the
        resolution reaches every office at its next sync.</p>
        </section>
        <section id="totals">
        <h2>Rows by table</h2>
        <table class="cards">
        <thead><tr><th>Table</th><th>Class</th><th class="num">Rows</th><th class="num">Deleted</th><th>By site</th></tr></thead>
        <tbody>
        {{#totals}}
        <tr>
        <td data-label="Table">{{table}}</td>
        <td data-label="Class">{{privacy}}</td>
        <td data-label="Rows" class="num">{{live}}</td>
        <td data-label="Deleted" class="num">{{deleted}}</td>
        <td data-label="By site">{{#bySite}}<span class="site-count">{{.}}</span> {{/bySite}}{{^bySite}}<span class="hint">{{noSites}}</span>{{/bySite}}</td>
        </tr>
        {{/totals}}
        </tbody>
        </table>
        </section>
        </body>
        </html>
        """)

    /// A short page for a refused request; renders a `Notice`.
    static let notice = compile(
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · FareLegami Sync</title>
        <style>\(style)</style>
        </head>
        <body>
        <h1>{{title}}</h1>
        <p>{{message}}</p>
        </body>
        </html>
        """)

    /// The title and message of a notice page.
    struct Notice {
        let title: String
        let message: String
    }

    private static let style = """
        :root{--line:#d0d7de;--muted:#57606a;--warn:#a40e26;--warn-bg:#ffebe9;--ok:#116329;--ok-bg:#dafbe1;--shown:#e6f4ea}
        *{box-sizing:border-box}
        body{font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff;margin:0 auto;max-width:75rem;padding:1rem}
        h1{font-size:1.4rem;margin:0 0 .25rem}
        h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
        .meta,.hint{color:var(--muted);font-size:.85rem}
        .meta{margin:0}
        code{font-size:.85em;overflow-wrap:anywhere}
        table{border-collapse:collapse;width:100%}
        th,td{text-align:left;vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid var(--line)}
        th{font-size:.85rem;color:var(--muted);font-weight:600}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        tr.is-behind td{background:#fff8f7}
        .badge{display:inline-block;padding:.05rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:600}
        .warn{background:var(--warn-bg);color:var(--warn);border:1px solid #ffcecb}
        .ok{background:var(--ok-bg);color:var(--ok)}
        .banner{padding:.6rem .8rem;border-radius:.4rem;background:var(--warn-bg);color:var(--warn);border:1px solid #ffcecb}
        .sides{display:flex;flex-wrap:wrap;gap:.5rem}
        .side{border:1px solid var(--line);border-radius:.4rem;padding:.35rem .6rem;min-width:8rem;flex:1 1 10rem}
        .side.shown{background:var(--shown);border-color:#4ac26b}
        .side .value{font-weight:600;overflow-wrap:anywhere}
        .site-count{white-space:nowrap}
        @media (max-width:42rem){
        body{padding:.75rem}
        table.cards thead{display:none}
        table.cards tr{display:block;border:1px solid var(--line);border-radius:.5rem;margin:0 0 .75rem;padding:.25rem 0}
        table.cards td{display:block;border:0;padding:.3rem .7rem;text-align:left}
        table.cards td::before{content:attr(data-label);display:inline-block;width:6.5rem;color:var(--muted);font-size:.85rem}
        }
        """

    private static func compile(_ text: String) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch {
            // The templates are literals of this file: a parse error is a bug the tests catch at once.
            fatalError("the dashboard template does not parse: \(error)")
        }
    }
}
