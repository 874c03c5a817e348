#!/usr/bin/env bash
# Benchmark, end to end: `plenary matrix --by year --from 1946 --to 2019 --measure identical
# --csv --out FILE` from the database (SQLite, the bundled record) to the file, against the
# pandas+numpy peer (bench/analysis_matrix_pandas.py) that reads the record as `plenary export
# --format csv --body GA` wrote it, computes the same and writes the same CSV. Both in the same
# run; prints the median wall time of RUNS runs of each, the ratio, the peak RSS of each
# (/usr/bin/time -v), and checks that the two files hold the same cells.
# Usage: bench/analysis_matrix_e2e.sh [RUNS] [DATABASE]   (default 5 runs; a fresh database with
# the bundled record in a temporary directory). Not a test: run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB=${2:-$TMP/record.sqlite}

python3 -c 'import pandas, numpy' 2>/dev/null || { echo "the peer needs pandas and numpy (pip install pandas numpy)" >&2; exit 1; }
[ -x target/release/plenary ] || cargo build --release -p plenary-cli
BIN=target/release/plenary
"$BIN" --database "$DB" init >/dev/null
"$BIN" --database "$DB" export --format csv --body GA "$TMP/export.csv"
echo "exported $(($(wc -l <"$TMP/export.csv") - 1)) state votes ($(du -m "$TMP/export.csv" | cut -f1) MB) for the peer"

measure() { # command...: prints "seconds peak_kb"
  /usr/bin/time -v -o "$TMP/time.txt" "$@" >/dev/null 2>"$TMP/err.txt" || { cat "$TMP/err.txt" >&2; exit 1; }
  local el kb
  el=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TMP/time.txt")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$TMP/time.txt")
  python3 -c "import sys; t=sys.argv[1].split(':'); s=float(t[-1])+60*float(t[-2])+(3600*float(t[-3]) if len(t)>2 else 0); print(f'{s:.3f} {sys.argv[2]}')" "$el" "$kb"
}

P=(); PM=(); Q=(); QM=()
for i in $(seq 1 "$RUNS"); do
  read -r t m < <(measure "$BIN" --database "$DB" matrix --by year --from 1946 --to 2019 --measure identical --csv --out "$TMP/plenary.csv")
  P+=("$t"); PM+=("$m")
  read -r t m < <(measure python3 bench/analysis_matrix_pandas.py "$TMP/export.csv" "$TMP/pandas.csv")
  Q+=("$t"); QM+=("$m")
  echo "run $i: plenary ${P[-1]} s (${PM[-1]} KB), pandas+numpy ${Q[-1]} s (${QM[-1]} KB)"
done
python3 - "$TMP/plenary.csv" "$TMP/pandas.csv" "${P[*]}" "${PM[*]}" "${Q[*]}" "${QM[*]}" <<'PY'
import sys, statistics as st
import pandas as pd
a, b = pd.read_csv(sys.argv[1], keep_default_na=False), pd.read_csv(sys.argv[2], keep_default_na=False)
p, pm, q, qm = ([float(x) for x in s.split()] for s in sys.argv[3:7])
assert list(a.columns) == ["period", "a", "b", "value", "votes"], list(a.columns)
m = a.merge(b, on=["period", "a", "b"], how="outer", suffixes=("_p", "_q"), indicator=True)
both = m[m["_merge"] == "both"]
print(f"\ncells: plenary {len(a)}, pandas {len(b)}, in both {len(both)}; "
      f"max |value difference| {abs(both.value_p - both.value_q).max():.2e}, vote counts equal: {bool((both.votes_p == both.votes_q).all())}")
print(f"plenary matrix (database -> CSV): median {st.median(p):.3f} s, peak RSS {max(pm)/1024:.0f} MB")
print(f"pandas+numpy (export CSV -> CSV): median {st.median(q):.3f} s, peak RSS {max(qm)/1024:.0f} MB")
print(f"ratio (pandas / plenary): {st.median(q)/st.median(p):.1f}x (target >= 10x)")
PY
