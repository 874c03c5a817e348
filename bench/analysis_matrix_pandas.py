#!/usr/bin/env python3
"""Peer of `plenary matrix --by year --from 1946 --to 2019 --measure identical --csv`
(bench/analysis_matrix_e2e.sh): reads the record as `plenary export --format csv --body GA`
writes it, computes the identical-vote share of every pair of states in every year exactly as
Plenary defines it, and writes the same long CSV `period,a,b,value,votes`.

Same definition as crates/analysis: General Assembly recorded votes dated 1946-01-01 to
2019-12-31; only yes/no/abstain count; roll calls on which every state that voted cast the same
vote are left out; seats continue across a change of holder (SUN->RUS, TWN->CHN, YAR->YEM,
SCG->SRB, TAN->TZA, UAR->EGY; matrix::Continuity::seats); pairs with no vote in common are
skipped; each unordered pair once, a < b by code; values with 6 decimals. Vectorised with numpy
(one-hot matrices per year, pair counts by matrix products), as bench/analysis_agreement_numpy.py.

usage: analysis_matrix_pandas.py EXPORT.csv OUT.csv
"""
import sys
import numpy as np
import pandas as pd

SEATS = {"SUN": "RUS", "TWN": "CHN", "YAR": "YEM", "SCG": "SRB", "TAN": "TZA", "UAR": "EGY"}


def main():
    src, out_path = sys.argv[1], sys.argv[2]
    df = pd.read_csv(src, usecols=["decision_id", "body", "date", "state", "vote"], dtype={"state": str, "vote": str, "body": str, "date": str}, keep_default_na=False)
    df = df[(df["body"] == "GA") & (df["date"] >= "1946-01-01") & (df["date"] <= "2019-12-31") & df["vote"].isin(["Y", "N", "A"])]
    # Unanimous roll calls out.
    n_kinds = df.groupby("decision_id")["vote"].nunique()
    contested = n_kinds.index[n_kinds > 1]
    df = df[df["decision_id"].isin(contested)]
    df = df.assign(year=df["date"].str.slice(0, 4).astype(int), state=df["state"].replace(SEATS))
    frames = []
    for year, g in df.groupby("year", sort=True):
        s_codes, s_idx = np.unique(g["state"].to_numpy(), return_inverse=True)
        r_codes, r_idx = np.unique(g["decision_id"].to_numpy(), return_inverse=True)
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
        iu, ju = np.triu_indices(S, k=1)
        j = joint[iu, ju]
        keep = j > 0
        iu, ju, j = iu[keep], ju[keep], j[keep]
        frames.append(pd.DataFrame({"period": year, "a": s_codes[iu], "b": s_codes[ju], "value": ident[iu, ju] / j, "votes": j.astype(np.int64)}))
    pd.concat(frames).to_csv(out_path, index=False, float_format="%.6f")


if __name__ == "__main__":
    main()
