#!/usr/bin/env bash
# GermEval 2018 task 1 (OFFENSE vs OTHER) with comment-radar's default settings:
# train on the training file (CV inside), evaluate once on the test file.
# Prints GermEval's macro-F1 (F1 of macro-averaged P and R), per-class figures,
# ROC-AUC, the training time and the scoring throughput (test tweets per second
# of the whole `evaluate` run, model loading included).
#
#   scripts/germeval.sh [GERMEVAL_DIR]        # default ../shared/datasets/germeval2018
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-../shared/datasets/germeval2018}
OUT=${TMPDIR:-/tmp}/germeval-$$.model
READ=(--delimiter tab --no-header --columns text,incivility,incivility_fine --positive incivility=OFFENSE)
cargo build --release --quiet
BIN=target/release/comment-radar
now() { date +%s.%N; }
t0=$(now)
"$BIN" train --data "$DIR/germeval2018.training.txt" "${READ[@]}" --labels incivility --out "$OUT"
t1=$(now)
"$BIN" evaluate --model "$OUT" --data "$DIR/germeval2018.test.txt" "${READ[@]}"
t2=$(now)
n=$(grep -c . "$DIR/germeval2018.test.txt")
awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$n" 'BEGIN {
  printf "training time (5-fold CV over the C grid + final fit): %.1f s\n", b - a;
  printf "scoring: %d test tweets in %.2f s = %.0f tweets/s (one core, model loading included)\n", n, c - b, n / (c - b) }'
rm -f "$OUT" "${OUT%.model}.card.md"
