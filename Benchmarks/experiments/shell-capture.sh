#!/bin/bash
# One INSERT … SELECT of ROWS partner rows with random ids (version 4, as a replica's DEFAULT makes
# them) through the sqlite3 shell: into a copy of REPLICA (its capture triggers on) and into the same
# table in a plain file (no triggers), two rounds, each the whole shell process timed. The source is
# a keyless table of another shape, so SQLite's transfer optimisation cannot copy b-trees wholesale.
#
# usage: Benchmarks/experiments/shell-capture.sh REPLICA [ROWS]   (REPLICA: from `farelegami init`;
#        an older build's replica measures the older triggers)
set -euo pipefail
replica=$(realpath "$1")
rows=${2:-200000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
sqlite3 source.sqlite "CREATE TABLE source (n INTEGER, id TEXT, name TEXT, legal_form TEXT, tax_code TEXT, role TEXT, extra INTEGER);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $rows)
INSERT INTO source SELECT i, lower(hex(randomblob(16))), 'Cooperativa sociale Il Girasole ' || i || ' di Crema e del territorio cremasco',
  'cooperativa sociale di tipo A', '0' || (1000000000 + i) || '19', 'partner', 0 FROM c;"
script="PRAGMA synchronous = NORMAL; ATTACH 'source.sqlite' AS s; BEGIN;
INSERT INTO partner (id, site_id, name, legal_form, tax_code, role) SELECT id, 'crema', name, legal_form, tax_code, role FROM s.source; COMMIT;"
for round in 1 2; do
    rm -f plain.sqlite* replica.sqlite*
    cp "$replica" replica.sqlite
    sqlite3 plain.sqlite "PRAGMA journal_mode = WAL;" > /dev/null
    sqlite3 replica.sqlite "SELECT sql || ';' FROM sqlite_master WHERE name = 'partner'" | sqlite3 plain.sqlite
    for file in plain replica; do
        start=$(date +%s.%N)
        sqlite3 "$file.sqlite" "$script" > /dev/null
        end=$(date +%s.%N)
        awk -v f="$file" -v r="$round" -v s="$start" -v e="$end" 'BEGIN { printf "%s round %d: %.2f s\n", f, r, e - s }'
    done
done
