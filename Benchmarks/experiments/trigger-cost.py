# What a captured household write pays for, piece by piece, on the replica schema (protocol/schema.sql)
# and the system SQLite: no triggers, the real triggers, and the insert trigger with only its _fl_dirty
# upsert, or with a body that does nothing (the trigger machinery alone), with and without its WHEN.
# usage: python3 Benchmarks/experiments/trigger-cost.py   (microseconds per single-row statement, best of 2)
import os, re, shutil, sqlite3, sys, tempfile, time

N = 300000
here = os.path.dirname(os.path.abspath(__file__))
schema = open(os.path.join(here, '..', '..', 'protocol', 'schema.sql')).read()
insert_trigger = r"(CREATE TRIGGER _fl_household_insert AFTER INSERT ON household )WHEN .*? BEGIN\n.*?\nEND;\n"
capturing = "WHEN (SELECT capture FROM _fl_capture WHERE id = 1)"


def with_insert_body(body, when=capturing):
    return re.sub(insert_trigger, lambda m: m.group(1) + when + " BEGIN\n" + body + "\nEND;\n", schema, flags=re.S)


variants = {
    'no triggers': re.sub(r"CREATE TRIGGER .*?\nEND;\n", "", schema, flags=re.S),
    'replica triggers': schema,
    'insert: upsert only': with_insert_body(
        "INSERT OR IGNORE INTO _fl_dirty (tbl, rid, mask) VALUES ('household', NEW.id, -1) "
        "ON CONFLICT (tbl, rid) DO UPDATE SET mask = -1;"),
    'insert: empty body': with_insert_body("SELECT 1;"),
    'insert: empty, no WHEN': with_insert_body("SELECT 1;", when="WHEN 1"),
}


def run(ddl):
    directory = tempfile.mkdtemp()
    db = sqlite3.connect(os.path.join(directory, 'r.db'), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(ddl)
    db.execute("INSERT OR IGNORE INTO _fl_capture (id, capture, site_id) VALUES (1, 1, 'crema')")
    db.executescript("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768; PRAGMA synchronous = NORMAL;")
    columns = "site_id, code, municipality, adults, minors, over65, vulnerability, referral_source"
    rows = [('0190f3a2-%08d-7abc-8def-%012d' % (i, i * 7919 % 1000000), 'crema', 'H-%d' % i, 'Crema', 2, 1, 0,
             'medium', 'servizi sociali del comune') for i in range(N)]
    start = time.perf_counter()
    db.execute("BEGIN")
    db.executemany(f"INSERT INTO household (id, {columns}) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    db.execute("COMMIT")
    insert = (time.perf_counter() - start) * 1e6 / N
    start = time.perf_counter()
    db.execute("BEGIN")
    db.executemany("UPDATE household SET vulnerability = ? WHERE id = ?", [('high', row[0]) for row in rows])
    db.execute("COMMIT")
    update = (time.perf_counter() - start) * 1e6 / N
    db.close()
    shutil.rmtree(directory)
    return insert, update


for name in sys.argv[1:] or variants:
    results = [run(variants[name]) for _ in range(2)]
    print(f"{name:24} insert {min(r[0] for r in results):.2f} us  update {min(r[1] for r in results):.2f} us")
