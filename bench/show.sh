#!/usr/bin/env bash
# Benchmark: `plenary show SYMBOL` warm, including process start (issue 3: at most 20 ms), against
# the sqlite3 shell running the one query behind it (the decision and its state rows) on the same
# database in the same run. Prints medians of RUNS runs of each and the ratio.
# Usage: bench/show.sh [RUNS] [SYMBOL]   (defaults 31, A/RES/ES-11/1). Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-31}
SYMBOL=${2:-A/RES/ES-11/1}
command -v sqlite3 >/dev/null || apt-get install -y sqlite3 >/dev/null
[ -x target/release/plenary ] || cargo build --release -p plenary-cli
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB="$TMP/record.sqlite"
target/release/plenary --database "$DB" init >/dev/null 2>&1
python3 - "$DB" "$RUNS" "$SYMBOL" <<'PY'
import subprocess, sys, time, statistics as st
db, runs, symbol = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def median_ms(cmd):
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    t = []
    for _ in range(runs):
        s = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        t.append((time.perf_counter() - s) * 1000)
    return st.median(t), max(t)
q = ("SELECT d.symbol, d.title, v.state, v.vote FROM decisions d JOIN votes v ON v.decision_id = d.id "
     f"WHERE d.symbol = '{symbol}'")
p, pmax = median_ms(["target/release/plenary", "--database", db, "show", symbol])
j, jmax = median_ms(["target/release/plenary", "--database", db, "show", symbol, "--json"])
s, smax = median_ms(["sqlite3", db, q])
print(f"plenary show {symbol}        : median {p:.1f} ms (max {pmax:.1f}); budget 20 ms")
print(f"plenary show {symbol} --json : median {j:.1f} ms (max {jmax:.1f})")
print(f"sqlite3 shell, the bare query    : median {s:.1f} ms (max {smax:.1f})")
print(f"ratio (plenary / sqlite3 shell): {p / s:.2f}x")
PY
