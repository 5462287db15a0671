# What a captured household write pays for, piece by piece, on the replica schema (protocol/schema.sql)
# and the system SQLite: no triggers, the real triggers, and the insert trigger with only its _fl_dirty
# upsert, or with a body that does nothing (the trigger machinery alone), with and without a WHEN; and
# the older triggers, which asked _fl_capture at every write whether to capture.
# usage: python3 Benchmarks/experiments/trigger-cost.py [VARIANT ...]
#   (microseconds per single-row statement, best of ROUNDS=2; the variants run in turn each round)
import os, re, shutil, sqlite3, sys, tempfile, time

N = 300000
here = os.path.dirname(os.path.abspath(__file__))
schema = open(os.path.join(here, '..', '..', 'protocol', 'schema.sql')).read()
insert_trigger = r"(CREATE TRIGGER _fl_household_insert AFTER INSERT ON household )(?:WHEN .*? )?BEGIN\n.*?\nEND;\n"
capturing = "(SELECT capture FROM _fl_capture WHERE id = 1)"


def with_insert_body(body, when=""):
    return re.sub(insert_trigger, lambda m: m.group(1) + when + "BEGIN\n" + body + "\nEND;\n", schema, flags=re.S)


def asking_capture(ddl):
    """The triggers as replicas made before this form have them: each asks _fl_capture first."""
    ddl = re.sub(r"(CREATE TRIGGER \S+ AFTER [^\n]*? ON \w+ )WHEN ", r"\1WHEN " + capturing + " AND ", ddl)
    return re.sub(r"(CREATE TRIGGER \S+ AFTER (?:INSERT|DELETE) ON \w+ )BEGIN", r"\1WHEN " + capturing + " BEGIN", ddl)


variants = {
    'no triggers': re.sub(r"CREATE TRIGGER .*?\nEND;\n", "", schema, flags=re.S),
    'replica triggers': schema,
    'older triggers (ask _fl_capture)': asking_capture(schema),
    'insert: upsert only': with_insert_body(
        "INSERT OR IGNORE INTO _fl_dirty (tbl, rid, mask) VALUES ('household', NEW.id, -1) "
        "ON CONFLICT (tbl, rid) DO UPDATE SET mask = -1;"),
    'insert: empty body': with_insert_body("SELECT 1;"),
    'insert: empty, WHEN 1': with_insert_body("SELECT 1;", when="WHEN 1 "),
}
assert variants['replica triggers'].count('SELECT capture') == 0
assert variants['older triggers (ask _fl_capture)'].count('SELECT capture') == schema.count('CREATE TRIGGER')
assert variants['insert: empty body'] != schema


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


# Rounds in turn (each variant once a round), so that a slow spell of the machine hits all alike.
names = sys.argv[1:] or list(variants)
unknown = [name for name in names if name not in variants]
if unknown:
    sys.exit(f"unknown variant {unknown[0]!r}; the variants: " + ", ".join(repr(v) for v in variants))
results = {name: [] for name in names}
for _ in range(int(os.environ.get('ROUNDS', '2'))):
    for name in names:
        results[name].append(run(variants[name]))
for name in names:
    print(f"{name:34} insert {min(r[0] for r in results[name]):.2f} us  update {min(r[1] for r in results[name]):.2f} us")
