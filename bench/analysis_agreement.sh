#!/usr/bin/env bash
# Benchmark, computation: all pairs of states in every year 1946-2019 (about 750,000
# state-pair-years), identical-vote share and Lijphart index, from roll calls in memory:
# Plenary's packed bit-plane matrix (crates/analysis/benches/analysis_agreement.rs) against the
# vectorised numpy peer (bench/analysis_agreement_numpy.py, run by the Rust bench in the same
# run on the same votes). Prints both medians, the ratio and the peak RSS of each.
# The end-to-end comparison from the database is bench/analysis_matrix_e2e.sh.
# Usage: bench/analysis_agreement.sh. Not a test: run it on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import pandas, numpy' 2>/dev/null || { echo "the peer needs pandas and numpy (pip install pandas numpy)" >&2; exit 1; }
exec cargo bench -p plenary-analysis --bench analysis_agreement
