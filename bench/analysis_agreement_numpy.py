#!/usr/bin/env python3
"""Peer of crates/analysis/benches/analysis_agreement.rs: all pairs of states in every year,
identical-vote share and Lijphart index, vectorised with numpy (one-hot matrices per year,
pair counts by matrix products), from the votes CSV the Rust bench exports
(year,rcid,state,vote with vote in Y/N/A; unanimous votes already removed).

usage: analysis_agreement_numpy.py VOTES.csv OUT.csv [repeats]
Prints median compute time, end-to-end time (read CSV, compute, write long CSV) and peak RSS.
"""
import resource, sys, time
import numpy as np
import pandas as pd


def compute(df):
    out = []
    for year, g in df.groupby("year", sort=True):
        s_codes, s_idx = np.unique(g["state"].to_numpy(), return_inverse=True)
        r_codes, r_idx = np.unique(g["rcid"].to_numpy(), return_inverse=True)
        S, V = len(s_codes), len(r_codes)
        v = g["vote"].to_numpy()
        mats = []
        for letter in ("Y", "N", "A"):
            m = np.zeros((S, V), dtype=np.float32)
            sel = v == letter
            m[s_idx[sel], r_idx[sel]] = 1.0
            mats.append(m)
        Y, N, A = mats
        P = Y + N + A
        joint = P @ P.T
        ident = Y @ Y.T + N @ N.T + A @ A.T
        opp = Y @ N.T + N @ Y.T
        iu, ju = np.triu_indices(S, k=1)
        j = joint[iu, ju]
        keep = j > 0
        iu, ju, j = iu[keep], ju[keep], j[keep]
        idv = ident[iu, ju] / j
        half = j - ident[iu, ju] - opp[iu, ju]
        lij = (ident[iu, ju] + 0.5 * half) / j
        out.append((year, s_codes[iu], s_codes[ju], idv, lij, j.astype(np.int64)))
    return out


def main():
    votes, out_path = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    df = pd.read_csv(votes)
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        res = compute(df)
        times.append(time.perf_counter() - t)
    cells = sum(len(r[1]) for r in res)
    e2e = []
    for _ in range(max(1, repeats // 2)):
        t = time.perf_counter()
        d = pd.read_csv(votes)
        res = compute(d)
        frames = [pd.DataFrame({"period": y, "a": a, "b": b, "value": np.round(idv, 6), "votes": n}) for (y, a, b, idv, lij, n) in res]
        pd.concat(frames).to_csv(out_path, index=False, float_format="%.6f")
        e2e.append(time.perf_counter() - t)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"numpy: {cells} state-pair-years, compute median {np.median(times):.4f} s, end-to-end median {np.median(e2e):.4f} s, peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
