#!/usr/bin/env python3
"""Reproducible selection of ~360 more GermEval 2018 *training* tweets (third round, stored in
data/germeval2018-annotations3.csv). Prints `line,selection` rows (1-based line numbers of the
training file); stores no tweet text.

Excludes every line already in data/germeval2018-annotations.csv (836 rows); the new file
data/germeval2018-annotations3.csv is not read, so the script reproduces its own rows.
All keyword hits are already used (train2 took them all). One random.Random(2020) generator is
used for every random step, in this order:
  random3: rng.sample of 60 lines from the lines not yet labelled;
  party3:  300 lines from the remaining party-alias lines, balanced across parties
           (party with the fewest selected lines first, cap 40 alias hits per party; small pools,
           i.e. the under-represented parties, are thereby taken whole first).

usage: python3 scripts/select_germeval_train3.py [TRAIN_FILE] > selection.csv
"""
import csv, random, sys, tomllib
from collections import Counter

sys.path.insert(0, "scripts")
from select_germeval_train2 import party_lines  # same matcher and party balancing
from select_germeval_test import tweet_texts  # same reader

TRAIN = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/germeval2018/germeval2018.training.txt"
N_RANDOM, N_PARTY, CAP = 60, 300, 40


def main():
    lines = tweet_texts(TRAIN)
    n = len(lines)
    old = {int(r["line"]) for r in csv.DictReader(open("data/germeval2018-annotations.csv", encoding="utf-8"))}
    assert len(old) == 836, len(old)
    rng = random.Random(2020)

    rest = [i for i in range(1, n + 1) if i not in old]
    rand = sorted(rng.sample(rest, N_RANDOM))
    taken = old | set(rand)

    party, count, found, pools = party_lines(lines, taken, rng, N_PARTY, CAP)
    print(f"random3: {len(rand)} of {len(rest)}; with alias: {sum(1 for i in rand if found[i])}", file=sys.stderr)
    print("party3 pools:", pools, file=sys.stderr)
    print(f"party3: {len(party)} lines; alias-hit counts:", dict(count.most_common()), file=sys.stderr)
    print("line,selection")
    for sel, ls in (("party3", party), ("random3", rand)):
        for i in sorted(ls):
            print(f"{i},{sel}")


if __name__ == "__main__":
    main()
