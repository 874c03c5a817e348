#!/usr/bin/env bash
# Benchmark: import all of unvotes (6,203 roll calls, 870,109 country votes) into a fresh
# SQLite file, with `plenary import` and with the pandas peer (read_csv + to_sql into SQLite,
# the same three tables and the same two indexes on the votes), in the same run.
# Prints the median wall time of RUNS runs of each, the ratio, and the peak RSS.
# Usage: bench/import_unvotes.sh [RUNS]   (default 5). Not a test: run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
DATA=data/record/unvotes
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 -c 'import pandas' 2>/dev/null || pip install --quiet pandas
cargo build --release -p plenary-cli >/dev/null 2>&1 || [ -x target/release/plenary ] || cargo build --release -p plenary-cli
BIN=target/release/plenary

cat > "$TMP/peer.py" <<'PY'
import sqlite3, sys
import pandas as pd
d, db = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
calls = pd.read_csv(f"{d}/un_roll_calls.csv.gz")
issues = pd.read_csv(f"{d}/un_roll_call_issues.csv.gz")
votes = pd.read_csv(f"{d}/un_votes.csv.gz", keep_default_na=False)
calls.to_sql("roll_calls", con, index=False)
issues.to_sql("issues", con, index=False)
votes.to_sql("votes", con, index=False, chunksize=100_000)
con.execute("CREATE UNIQUE INDEX votes_key ON votes (rcid, country)")
con.execute("CREATE INDEX votes_state ON votes (country_code, rcid)")
con.commit()
con.close()
PY

measure() { # command...: prints "seconds peak_kb"
  # Each run starts with no dirty pages of an earlier run (the other peer's database, files
  # just deleted) left for the kernel to write out while it runs: a run's fsyncs and writes
  # otherwise wait behind the previous run's writeback, which penalised whichever peer ran
  # second. Outside the timing, and the same for both peers.
  sync
  /usr/bin/time -v -o "$TMP/time.txt" "$@" >/dev/null 2>"$TMP/err.txt" || { cat "$TMP/err.txt" >&2; exit 1; }
  local el kb
  el=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TMP/time.txt")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
  python3 -c "import sys; t=sys.argv[1].split(':'); s=float(t[-1])+60*float(t[-2])+(3600*float(t[-3]) if len(t)>2 else 0); print(f'{s:.3f} {sys.argv[2]}')" "$el" "$kb"
}

P=(); PM=(); Q=(); QM=()
for i in $(seq 1 "$RUNS"); do
  rm -f "$TMP"/p.sqlite* "$TMP"/q.sqlite*
  read -r t m < <(measure /usr/bin/env "$BIN" import --no-bundle --database "$TMP/p.sqlite" --format unvotes $DATA/un_roll_calls.csv.gz $DATA/un_roll_call_issues.csv.gz $DATA/un_votes.csv.gz)
  P+=("$t"); PM+=("$m")
  read -r t m < <(measure python3 "$TMP/peer.py" "$DATA" "$TMP/q.sqlite")
  Q+=("$t"); QM+=("$m")
  echo "run $i: plenary ${P[-1]} s (${PM[-1]} KB), pandas ${Q[-1]} s (${QM[-1]} KB)"
done
rows=$(sqlite3 "$TMP/p.sqlite" "select count(*) from votes" 2>/dev/null || echo "?")
python3 - "$rows" "${P[*]}" "${PM[*]}" "${Q[*]}" "${QM[*]}" <<'PY'
import sys, statistics as st
rows = sys.argv[1]
p, pm, q, qm = ([float(x) for x in a.split()] for a in sys.argv[2:6])
print(f"\nvotes stored by plenary: {rows}")
print(f"plenary import : median {st.median(p):.3f} s, peak RSS {max(pm)/1024:.0f} MB")
print(f"pandas peer    : median {st.median(q):.3f} s, peak RSS {max(qm)/1024:.0f} MB")
print(f"ratio (pandas / plenary): {st.median(q)/st.median(p):.2f}x")
PY
