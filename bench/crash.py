#!/usr/bin/env python3
"""The crash test (issue 5, section 7): kill -9 the server during a storm of votes, twenty
times, restarting it each time; at the end no acknowledged vote is lost, none is duplicated,
and `plenary verify` finds the chain intact.

    cargo build -p plenary-cli && python3 bench/crash.py [--kills 20] [--states 40] [--workers 12]

It starts `plenary serve` on a temporary SQLite database, sets up a General Assembly meeting
of 24 February 2025 with `--states` delegations present and one vote open, and runs a storm:
`--workers` clients cast and change votes as fast as the server answers, each recording every
receipt (event number, hash, state, vote). A killer sends SIGKILL to the server `--kills` times,
at random moments of the storm, and restarts it on the same database. Afterwards it reads the
event log and the live tables directly and checks:

- every acknowledged vote is in the event log with the hash of its receipt and the same state
  and vote (none lost);
- no event number is acknowledged twice, and no event is in the log twice (none duplicated);
- the casts in the log that were never acknowledged are at most the casts in flight when the
  server was killed (a commit that landed just before the kill, its answer lost);
- each state's row in live_votes is its last vote in the log;
- `plenary verify` exits 0.

Prints the figures and exits 1 if any check fails. Uses only the Python standard library.
"""

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, binary, db, home, port):
        self.binary, self.db, self.home, self.port = binary, db, home, port
        self.proc = None

    def start(self):
        env = dict(os.environ, PLENARY_HOME=self.home, RUST_LOG="warn")
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--addr", f"127.0.0.1:{self.port}", "--database", self.db, "--rate-limit", "0"],
            env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.home, "serve.log"), "ab"),
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/health", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.02)
        raise SystemExit("plenary serve did not start: see " + os.path.join(self.home, "serve.log"))

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def call(port, method, path, token=None, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def ok(port, method, path, token, body=None):
    status, v = call(port, method, path, token, body)
    if status // 100 != 2:
        raise SystemExit(f"{method} {path}: {status} {v}")
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=os.environ.get("PLENARY_BIN", os.path.join(os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target"), "debug/plenary")))
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--states", type=int, default=40)
    ap.add_argument("--workers", type=int, default=12)
    ap.add_argument("--seed", type=int, default=2025)
    args = ap.parse_args()
    if not os.access(args.binary, os.X_OK):
        raise SystemExit(f"{args.binary}: not found; build it with `cargo build -p plenary-cli` or give --binary")
    rng = random.Random(args.seed)
    home = tempfile.mkdtemp(prefix="plenary-crash-")
    db = os.path.join(home, "plenary.sqlite")
    server = Server(args.binary, db, home, free_port())
    server.start()
    port = server.port
    secretariat = open(os.path.join(home, "secretariat.token")).read().strip()

    a = ok(port, "POST", "/api/assemblies", secretariat, {"name": "General Assembly", "body": "GA", "date": "2025-02-24"})
    states = [m["state"] for m in a["members"]][: args.states]
    chair = ok(port, "POST", "/api/chairs", secretariat, {"username": "crash-president"})
    tokens = {}
    for s in states:
        tokens[s] = ok(port, "POST", f"/api/assemblies/{a['id']}/delegations", secretariat, {"state": s})["token"]
    m = ok(port, "POST", "/api/meetings", secretariat, {"assembly_id": a["id"], "title": "Crash test", "chair_account_id": chair["account_id"]})
    ok(port, "POST", f"/api/meetings/{m['id']}/open", chair["token"])
    ok(port, "POST", f"/api/meetings/{m['id']}/attendance", chair["token"], {"present": states})
    d = ok(port, "POST", f"/api/meetings/{m['id']}/documents", secretariat,
           {"kind": "draft", "symbol": "CRASH/L.1", "question": "simple", "paragraphs": ["Crash test."]})
    q = ok(port, "POST", f"/api/meetings/{m['id']}/questions", chair["token"], {"document_id": d["id"]})["id"]

    lock = threading.Lock()
    acks = []            # (seq, hash, state, vote)
    attempted = [0]
    failed = [0]         # no answer (server killed, or down)
    in_flight = [0]
    in_flight_at_kill = [0]
    stop = threading.Event()

    def worker(wid):
        wrng = random.Random(args.seed * 1000 + wid)
        while not stop.is_set():
            s = wrng.choice(states)
            v = wrng.choice("YNA")
            with lock:
                attempted[0] += 1
                in_flight[0] += 1
            try:
                status, body = call(port, "PUT", f"/api/questions/{q}/votes/{s}", tokens[s], {"vote": v}, timeout=5)
            except (OSError, ValueError):
                status, body = None, None
            with lock:
                in_flight[0] -= 1
                if status == 200:
                    acks.append((body["seq"], body["hash"], body["state"], body["vote"]))
                else:
                    failed[0] += 1
            if status != 200:
                time.sleep(0.01)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(args.workers)]
    t0 = time.time()
    for t in threads:
        t.start()
    kills = 0
    downtime = 0.0
    for _ in range(args.kills):
        time.sleep(rng.uniform(0.2, 0.8))
        with lock:
            in_flight_at_kill[0] += in_flight[0]
        server.kill9()
        kills += 1
        t = time.time()
        server.start()
        downtime += time.time() - t
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()
    storm = time.time() - t0
    server.stop()

    con = sqlite3.connect(db)
    log = {}
    dup_events = 0
    for seq, h, payload in con.execute("SELECT seq, hash, payload FROM event_log WHERE kind = 'vote_cast' ORDER BY seq"):
        if seq in log:
            dup_events += 1
        p = json.loads(payload)
        log[seq] = (h, p["state"], p["vote"], p["question_id"])
    rows = {s: (v, e) for s, v, e in con.execute("SELECT state_code, vote, event_seq FROM live_votes WHERE question_id = ?", (q,))}
    con.close()

    lost = [a for a in acks if a[0] not in log or log[a[0]][:3] != (a[1], a[2], a[3])]
    seqs = [a[0] for a in acks]
    dup_acks = len(seqs) - len(set(seqs))
    unacked_in_log = len(set(log) - set(seqs))
    last = {}
    for seq, (h, s, v, qq) in sorted(log.items()):
        last[s] = (v, seq)
    rows_wrong = [s for s in set(last) | set(rows) if last.get(s) != rows.get(s)]
    verify = subprocess.run([args.binary, "--database", db, "verify"], capture_output=True, text=True)

    figures = {
        "kills": kills,
        "storm_seconds": round(storm, 1),
        "restart_seconds_total": round(downtime, 1),
        "casts_attempted": attempted[0],
        "casts_acknowledged": len(acks),
        "casts_unanswered": failed[0],
        "acknowledged_found_in_log": len(acks) - len(lost),
        "acknowledged_lost": len(lost),
        "acknowledged_duplicated": dup_acks,
        "events_duplicated": dup_events,
        "in_log_not_acknowledged": unacked_in_log,
        "in_flight_at_kills": in_flight_at_kill[0],
        "live_rows_disagreeing_with_log": len(rows_wrong),
        "verify_exit": verify.returncode,
    }
    print(json.dumps(figures, indent=1))
    problems = []
    if lost:
        problems.append(f"{len(lost)} acknowledged votes lost, e.g. {lost[:3]}")
    if dup_acks or dup_events:
        problems.append(f"duplicates: {dup_acks} receipts, {dup_events} events")
    if unacked_in_log > in_flight_at_kill[0]:
        problems.append(f"{unacked_in_log} casts in the log were never acknowledged, more than the {in_flight_at_kill[0]} in flight at the kills")
    if rows_wrong:
        problems.append(f"live_votes disagrees with the log for {sorted(rows_wrong)[:5]}")
    if verify.returncode != 0:
        problems.append("plenary verify: " + verify.stdout + verify.stderr)
    if kills < args.kills or len(acks) == 0:
        problems.append("the storm did not run as asked")
    if problems:
        print("FAILED:\n- " + "\n- ".join(problems), file=sys.stderr)
        sys.exit(1)
    print(f"crash test passed: {kills} kills, {len(acks)} acknowledged votes all found, none duplicated, chain intact")
    import shutil
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
