/// The app's one stylesheet, served as `/static/app.css`: plain system fonts, readable contrast,
/// visible focus for keyboard users; lists turn into cards at phone width; a print style without
/// navigation.
enum Stylesheet {
    static let css = """
        :root { --ink:#1d2433; --muted:#586174; --line:#d5d9e2; --accent:#0b5cad; --accent-ink:#fff; --warn:#9a3a00;
          --bad:#a4161a; --ok:#1f6f3f; --bg:#f6f7f9; --card:#fff; }
        * { box-sizing: border-box; }
        body { margin:0; font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif; color:var(--ink); background:var(--bg); }
        a { color:var(--accent); }
        a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline:3px solid #f2a900; outline-offset:2px; }
        .skip { position:absolute; left:-999px; } .skip:focus { left:8px; top:8px; background:#fff; padding:8px; z-index:10; }
        header.top { background:#12355b; color:#fff; padding:10px 16px; display:flex; flex-wrap:wrap; gap:8px 16px; align-items:center; }
        header.top a { color:#fff; } header.top .brand { font-weight:700; font-size:1.15rem; text-decoration:none; }
        header.top .who { margin-left:auto; display:flex; gap:10px; align-items:center; flex-wrap:wrap; }
        header.top form { margin:0; }
        .statusbar { background:#e8eef7; border-bottom:1px solid var(--line); padding:8px 16px; display:flex; flex-wrap:wrap; gap:6px 18px; align-items:center; font-size:.95rem; }
        .statusbar form { margin:0 0 0 auto; }
        .statusbar .offline { color:var(--warn); font-weight:600; }
        .statusbar .conflicts { color:var(--bad); font-weight:600; }
        nav.kinds { padding:8px 16px; background:#fff; border-bottom:1px solid var(--line); }
        nav.kinds ul { list-style:none; margin:0; padding:0; display:flex; flex-wrap:wrap; gap:4px 14px; }
        nav.kinds a[aria-current="page"] { font-weight:700; color:var(--ink); }
        main { padding:16px; max-width:1200px; margin:0 auto; }
        h1 { font-size:1.5rem; margin:.2em 0 .6em; } h2 { font-size:1.2rem; margin:1.2em 0 .4em; }
        .flash { padding:10px 14px; border-radius:6px; margin:0 0 14px; background:#e7f4ec; border:1px solid #b5dcc3; }
        .flash.error { background:#fdecec; border-color:#f1b5b5; }
        .card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:14px; margin-bottom:14px; }
        button, .button { font:inherit; padding:8px 14px; border-radius:6px; border:1px solid var(--accent); background:var(--accent); color:var(--accent-ink); cursor:pointer; text-decoration:none; display:inline-block; }
        button.secondary, .button.secondary { background:#fff; color:var(--accent); }
        button.danger, .button.danger { background:var(--bad); border-color:var(--bad); }
        .actions { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin:10px 0; }
        .actions form { margin:0; }
        form.filters { display:flex; flex-wrap:wrap; gap:10px; align-items:flex-end; }
        form.filters label { display:flex; flex-direction:column; font-size:.9rem; color:var(--muted); }
        input, select, textarea { font:inherit; padding:7px 9px; border:1px solid #9aa3b5; border-radius:6px; background:#fff; color:var(--ink); max-width:100%; }
        input[type=search] { min-width:18em; }
        .field { margin-bottom:14px; display:flex; flex-direction:column; max-width:36em; }
        .field label { font-weight:600; }
        .field .hint { color:var(--muted); font-size:.9rem; }
        .field .error { color:var(--bad); font-weight:600; }
        .field.has-error input, .field.has-error select, .field.has-error textarea { border-color:var(--bad); border-width:2px; }
        table.list { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); }
        table.list th, table.list td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
        table.list th { background:#eef1f6; font-size:.9rem; }
        .num { text-align:right; }
        dl.fields { display:grid; grid-template-columns:minmax(10em,16em) 1fr; gap:6px 16px; margin:0; }
        dl.fields dt { color:var(--muted); } dl.fields dd { margin:0; }
        .muted { color:var(--muted); }
        .warn { color:var(--warn); }
        .sides { display:flex; flex-wrap:wrap; gap:10px; }
        .side { border:1px solid var(--line); border-radius:8px; padding:10px; min-width:14em; background:#fafbfd; }
        .side.shown { border-color:var(--accent); }
        .side .value { font-size:1.1rem; font-weight:600; margin-bottom:4px; word-break:break-word; }
        figure.chart { margin:8px 0 14px; overflow-x:auto; }
        figure.chart svg { max-width:100%; height:auto; font-family:system-ui,sans-serif; }
        section.report { break-inside:avoid; }
        @media (max-width: 700px) {
          table.list thead { display:none; }
          table.list, table.list tbody, table.list tr, table.list td { display:block; width:100%; }
          table.list tr { border-bottom:2px solid var(--line); padding:6px 0; }
          table.list td { border:none; padding:3px 10px; }
          table.list td[data-label]::before { content:attr(data-label) ": "; color:var(--muted); font-size:.9rem; }
          dl.fields { grid-template-columns:1fr; } dl.fields dt { margin-top:6px; }
          input[type=search] { min-width:0; width:100%; }
          .statusbar form { margin-left:0; }
          nav.kinds ul { flex-wrap:nowrap; overflow-x:auto; white-space:nowrap; padding-bottom:6px; }
          header.top .who { margin-left:0; }
        }
        @media print {
          header.top, .statusbar, nav.kinds, .actions, form, .skip { display:none !important; }
          body { background:#fff; } main { max-width:none; padding:0; } .card { border:none; }
          section.report { break-inside:avoid; page-break-inside:avoid; } h1 { font-size:1.3rem; }
          table.list th, table.list td { padding:3px 6px; font-size:.8rem; }
        }
        """
}

/// The app's one script, served as `/static/app.js`: a print button; the pages work without it.
enum Script {
    static let js = """
        document.querySelectorAll('[data-print]').forEach(function (button) {
          button.addEventListener('click', function () { window.print(); });
        });
        """
}
