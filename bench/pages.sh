#!/usr/bin/env bash
# Benchmark: the web pages end to end (issue 6 §4: "server render at most 20 ms at the median",
# "each page's HTML, CSS and JavaScript together at most 200 KB").
#
# Builds the release binary, loads the bundled record into a fresh data directory
# (`plenary init`), starts `plenary serve` on it with no rate limit, runs one live vote of 193
# delegations (`plenary rehearse`) so that the board has a closed question and its result
# sentence, waits until the country pages' ideal points are fitted (they are fitted in the
# background, see crates/server/src/fits.rs), then fetches each main page in en, uk and ru N
# times over one keep-alive HTTP/1.1 connection and prints the median and p90 of the wall time
# of a request (client side: request written to last byte read).
#
# The peer, in the same run: the very bytes each page returned, written to disk and served by
# Python's http.server (HTTP/1.1, keep-alive, TCP_NODELAY) to the same client the same N times: what a
# request costs when nothing is rendered. The ratio plenary/static says what rendering adds.
# Page weight: the HTML plus the stylesheets and scripts it links (each counted once per page).
#
# Usage: bench/pages.sh [N]   (default 50). Not a test; run on an otherwise idle machine.
# EXTRA_PAGES="name=/path name2=/path2" adds pages.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-50}
case "$N" in '' | *[!0-9]*) echo "bench/pages.sh: N must be a positive integer, got '$N'" >&2; exit 2 ;; esac
cargo build --release -p plenary-cli >&2
B=target/release/plenary
TMP=$(mktemp -d)
SERVER_PID=""
STATIC_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [ -n "$STATIC_PID" ] && kill "$STATIC_PID" 2>/dev/null && wait "$STATIC_PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

DB="$TMP/plenary.sqlite"
echo "loading the bundled record into $DB ..." >&2
t0=$(date +%s.%N)
"$B" --database "$DB" init >"$TMP/init.log" 2>&1 || { cat "$TMP/init.log" >&2; exit 1; }
echo "  init took $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s" >&2

PORT=$(free_port)
RUST_LOG=warn,plenary_server=info "$B" --database "$DB" serve --addr "127.0.0.1:$PORT" --data-dir "$TMP/data" --rate-limit 0 >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/serve.log" >&2; exit 1; }
    sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null || { echo "bench/pages.sh: the server did not answer /api/health" >&2; cat "$TMP/serve.log" >&2; exit 1; }

echo "one live vote of 193 delegations (plenary rehearse) ..." >&2
"$B" rehearse --server "http://127.0.0.1:$PORT" --data-dir "$TMP/data" --delegations 193 --observers 0 --duration 0 >"$TMP/rehearse.log" 2>&1 \
    || { cat "$TMP/rehearse.log" >&2; exit 1; }

STATIC_PORT=$(free_port)
mkdir -p "$TMP/static"
python3 - "$PORT" "$STATIC_PORT" "$TMP/static" "$N" "$TMP/serve.log" "${EXTRA_PAGES:-}" <<'PY'
import http.client, os, re, statistics, subprocess, sys, time

port, static_port, static_dir, n, serve_log, extra = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
BUDGET = 200 * 1024

def connect(p):
    return http.client.HTTPConnection("127.0.0.1", p, timeout=120)

def get(c, path):
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    if r.getheader("connection", "").lower() == "close":
        raise SystemExit(f"bench/pages.sh: {path}: the server closed the connection (no keep-alive)")
    return r.status, body

c = connect(port)
# The meeting the rehearsal ran: the first of this fresh database, checked rather than assumed.
status, body = get(c, "/api/meetings/1")
if status != 200:
    raise SystemExit(f"bench/pages.sh: /api/meetings/1 answered {status}: the rehearsal made no meeting?\n{body[:500]!r}")

# The ideal points are fitted in the background: wait until the country page shows the chart
# of the record as it is now (no "being computed"/"being updated" notice in its section).
t0 = time.perf_counter()
while True:
    status, body = get(c, "/country/UKR?lang=en")
    html = body.decode()
    sec = html[html.find('id="idealpoints"'):] if 'id="idealpoints"' in html else ""
    sec = sec[: sec.find("</section>")]
    if status == 200 and '<figure class="chart"><svg' in sec and 'role="status"' not in sec:
        break
    if time.perf_counter() - t0 > 900:
        raise SystemExit("bench/pages.sh: the country page showed no ideal-point chart after 15 minutes; see the server's log:\n" + open(serve_log).read()[-3000:])
    time.sleep(0.5)
fit_wait = time.perf_counter() - t0
fits = [l for l in open(serve_log) if "fitted the ideal points" in l]

pages = [
    ("home", "/"),
    ("board", "/meetings/1/board"),
    ("decision", "/decision/A/RES/ES-11/1"),
    ("document", "/document/A/RES/ES-11/1"),
    ("country", "/country/UKR"),
    ("analysis", "/analysis"),
    ("search", "/search?q=territorial+integrity"),
    ("vetoes", "/vetoes?state=RUS&from=2022"),
    # The Security Council's meeting of 24 February 2025 (data/fixtures) and its coverage.
    ("meeting", "/meeting/S/PV.9866"),
]
for item in extra.split():
    name, _, path = item.partition("=")
    if not path.startswith("/"):
        raise SystemExit(f"bench/pages.sh: EXTRA_PAGES item {item!r}: expected name=/path")
    pages.append((name, path))

def ms_stats(ts):
    ts = sorted(ts)
    return statistics.median(ts), statistics.quantiles(ts, n=10, method="inclusive")[8]

rows = []
assets = {}
for name, path in pages:
    for lang in ("en", "uk", "ru"):
        sep = "&" if "?" in path else "?"
        url = f"{path}{sep}lang={lang}"
        t = time.perf_counter()
        status, body = get(c, url)  # the first request: fills the server's caches
        first = (time.perf_counter() - t) * 1000
        if status != 200:
            raise SystemExit(f"bench/pages.sh: {url} answered {status}:\n{body[:800]!r}")
        ts = []
        for _ in range(n):
            t = time.perf_counter()
            status, b = get(c, url)
            ts.append((time.perf_counter() - t) * 1000)
            if status != 200:
                raise SystemExit(f"bench/pages.sh: {url} answered {status} on a repeat")
        html = body.decode()
        linked = sorted(set(re.findall(r'<link[^>]+href="(/static/[^"]+)"', html)) | set(re.findall(r'<script[^>]+src="(/static/[^"]+)"', html)))
        weight = len(body)
        for a in linked:
            if a not in assets:
                s, ab = get(c, a)
                if s != 200:
                    raise SystemExit(f"bench/pages.sh: {a} (linked from {url}) answered {s}")
                assets[a] = ab
            weight += len(assets[a])
        file = f"{name}.{lang}.html"
        with open(os.path.join(static_dir, file), "wb") as f:
            f.write(body)
        rows.append(dict(page=name, lang=lang, url=url, file=file, first=first, plenary=ms_stats(ts), html=len(body), weight=weight, linked=linked))
c.close()

# The peer: the same bytes from disk.
# http.server as `python3 -m http.server --protocol HTTP/1.1` runs it, with Nagle's algorithm off
# (its handler writes the headers and the body in two sends; with Nagle on, the second waits for
# the client's delayed ACK, ~40 ms, which would measure TCP rather than serving).
PEER = """
import functools, http.server, sys
class H(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), functools.partial(H, directory=sys.argv[2])).serve_forever()
"""
peer = subprocess.Popen([sys.executable, "-c", PEER, str(static_port), static_dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(100):
        try:
            s = connect(static_port); get(s, "/" + rows[0]["file"]); break
        except OSError:
            time.sleep(0.05)
    else:
        raise SystemExit("bench/pages.sh: python3 -m http.server did not start")
    for r in rows:
        get(s, "/" + r["file"])
        ts = []
        for _ in range(n):
            t = time.perf_counter()
            status, b = get(s, "/" + r["file"])
            ts.append((time.perf_counter() - t) * 1000)
            if status != 200 or len(b) != r["html"]:
                raise SystemExit(f"bench/pages.sh: the static server returned {status}, {len(b)} bytes for {r['file']}")
        r["static"] = ms_stats(ts)
    s.close()
finally:
    peer.terminate(); peer.wait()

print(f"plenary serve, bundled record, {n} keep-alive requests per page after one warm-up; peer: python3 -m http.server (HTTP/1.1) serving the same bytes from disk")
print(f"ideal points ready {fit_wait:.1f} s after the rehearsal; server log: " + ("; ".join(re.sub(r"\x1b\[[0-9;]*m", "", l).strip()[-160:] for l in fits) or "no fit logged"))
print(f"{'page':<9} {'lang':<4} {'first ms':>8} {'median ms':>9} {'p90 ms':>7} {'static med':>10} {'static p90':>10} {'ratio':>7} {'HTML KB':>8} {'total KB':>8}  budget")
worst = 0.0
for r in rows:
    (pm, p9), (sm, s9) = r["plenary"], r["static"]
    ok = "ok" if r["weight"] <= BUDGET else "OVER 200 KB"
    worst = max(worst, pm)
    print(f"{r['page']:<9} {r['lang']:<4} {r['first']:>8.1f} {pm:>9.2f} {p9:>7.2f} {sm:>10.2f} {s9:>10.2f} {pm / sm:>6.1f}x {r['html'] / 1024:>8.1f} {r['weight'] / 1024:>8.1f}  {ok}")
meds = sorted(r["plenary"][0] for r in rows)
print(f"medians over all pages and languages: lowest {meds[0]:.2f} ms, median {statistics.median(meds):.2f} ms, highest {meds[-1]:.2f} ms (budget 20 ms)")
print("stylesheets and scripts linked (counted in the total): " + (", ".join(f"{a} {len(b) / 1024:.1f} KB" for a, b in sorted(assets.items())) or "none (the pages inline their CSS and scripts)"))
over = [f"{r['page']}/{r['lang']}" for r in rows if r["weight"] > BUDGET]
slow = [f"{r['page']}/{r['lang']}" for r in rows if r["plenary"][0] > 20]
if over or slow:
    print("OVER BUDGET: " + ", ".join([f"{x} weight" for x in over] + [f"{x} median" for x in slow]))
    sys.exit(1)
PY
