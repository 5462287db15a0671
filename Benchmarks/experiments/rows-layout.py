# The server store's `rows` table, clustered by key (layout 1, WITHOUT ROWID) or a rowid table (layout 2):
# 50 sites push 2,000 rows each with interleaved time-ordered ids into the same store.
# usage: python3 rows-layout.py worowid|rowid   (prints rows/s and the WAL and file sizes)
import sqlite3, time, os, random, sys, tempfile, shutil
layout=sys.argv[1]
path=os.path.join(tempfile.mkdtemp(), 'r.db')
db=sqlite3.connect(path, isolation_level=None)
db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=10000;")
if layout=='worowid':
    db.executescript("""CREATE TABLE rows (tbl TEXT NOT NULL, rid TEXT NOT NULL, owner_site TEXT, former_owners TEXT,
            privacy TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL, last_writer TEXT, PRIMARY KEY (tbl, rid)) WITHOUT ROWID;""")
else:
    db.executescript("""CREATE TABLE rows (tbl TEXT NOT NULL, rid TEXT NOT NULL, owner_site TEXT, former_owners TEXT,
            privacy TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL, last_writer TEXT, UNIQUE (tbl, rid));""")
db.executescript("CREATE INDEX rows_for_pull ON rows (seq, privacy, owner_site, last_writer, former_owners);")
# preload 20K crema rows
seq=0
state='x'*650
def push(rows, site, writer):
    global seq
    db.execute("BEGIN IMMEDIATE")
    for rid in rows:
        r=db.execute("SELECT state, former_owners FROM rows WHERE tbl=? AND rid=?", ('household', rid)).fetchone()
    for rid in rows:
        seq+=1
        db.execute("INSERT INTO rows (tbl, rid, owner_site, former_owners, privacy, seq, state, last_writer) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (tbl, rid) DO UPDATE SET state=excluded.state, seq=excluded.seq",
                   ('household', rid, site, None, 'site', seq, state, writer))
    db.execute("COMMIT")
pre=['0190%08x-0000-7000-8000-%012x' % (i, i) for i in range(20000)]
push(pre, 'crema', 'r0')
t=time.perf_counter()
clients=50
ids=[[ '0191%08x-%04x-7000-8000-%012x' % (i*clients+c, c, random.getrandbits(40)) for i in range(2000)] for c in range(clients)]
for c in range(clients):
    push(ids[c], 'c%d'%c, 'r%d'%c)
el=time.perf_counter()-t
print(layout, f"{clients*2000/el:.0f} rows/s, wal {os.path.getsize(path+'-wal')/1e6:.0f} MB, db {os.path.getsize(path)/1e6:.0f} MB")
db.close()
shutil.rmtree(os.path.dirname(path))
