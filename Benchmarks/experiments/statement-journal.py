# SQLite keeps a statement journal (a copy of every page a statement touches) for a statement that
# writes several rows or fires a trigger AND may abort: an INSERT into a table with a PRIMARY KEY and a
# trigger pays it unless it says OR FAIL / OR IGNORE, and so does a trigger body that may abort.
# usage: python3 statement-journal.py   (microseconds per single-row INSERT statement)
import sqlite3, time, os, tempfile, shutil
def run(ddl, n=200000, ins="INSERT"):
    directory = tempfile.mkdtemp()
    db = sqlite3.connect(os.path.join(directory, 'r.db'), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL"); db.executescript(ddl)
    db.executescript("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768; PRAGMA synchronous = NORMAL;")
    rows=[('%012d-%s' % (i, 'x'*20), 'v%d' % i) for i in range(n)]
    t=time.perf_counter(); db.execute("BEGIN"); db.executemany(ins+" INTO t(a,b) VALUES (?,?)", rows); db.execute("COMMIT")
    seconds = time.perf_counter()-t
    db.close()
    shutil.rmtree(directory)
    return seconds*1e6/n
T="CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1 WHERE 0; END;"
T2="CREATE TABLE d(x TEXT PRIMARY KEY) WITHOUT ROWID; CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT OR IGNORE INTO d VALUES (NEW.a); END;"
for name, ddl, ins in [
 ("noconstraint", "CREATE TABLE t(a TEXT, b TEXT);", "INSERT"),
 ("noconstraint+trig", "CREATE TABLE t(a TEXT, b TEXT);"+T, "INSERT"),
 ("pk", "CREATE TABLE t(a TEXT PRIMARY KEY, b TEXT);", "INSERT"),
 ("pk+trig", "CREATE TABLE t(a TEXT PRIMARY KEY, b TEXT);"+T, "INSERT"),
 ("pk+trig orfail", "CREATE TABLE t(a TEXT PRIMARY KEY, b TEXT);"+T, "INSERT OR FAIL"),
 ("pk+trig orignore", "CREATE TABLE t(a TEXT PRIMARY KEY, b TEXT);"+T, "INSERT OR IGNORE"),
 ("pk+trig2", "CREATE TABLE t(a TEXT PRIMARY KEY, b TEXT);"+T2, "INSERT"),
 ("pk+trig2 orignore", "CREATE TABLE t(a TEXT PRIMARY KEY, b TEXT);"+T2, "INSERT OR IGNORE"),
]:
    print(f"{name:20} {run(ddl, ins=ins):.2f} us")
