#!/usr/bin/env python3
"""Reproducible selection of 400 more GermEval 2018 *training* tweets (session 8 extension of
data/germeval2018-annotations.csv). Prints `line,selection` rows (1-based line numbers of the
training file); stores no tweet text.

Excludes the 450 lines already in data/germeval2018-annotations.csv. One random.Random(2019)
generator is used for every random step, in this order:
  keyword2: all remaining lines matching a conspiracy keyword pattern of the .md (~150);
  random2:  rng.sample of 150 lines from the rest;
  party2:   100 lines from the remaining party-alias lines, balanced across parties
            (party with the fewest selected lines first, cap 15 alias hits per party).

usage: python3 scripts/select_germeval_train2.py [TRAIN_FILE] > selection.csv
"""
import csv, random, sys, tomllib
from collections import Counter

sys.path.insert(0, "scripts")
from select_germeval_test import PATTERNS, split_patterns, alias_regex, tweet_texts  # same patterns, matcher and reader

TRAIN = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/germeval2018/germeval2018.training.txt"
N_RANDOM, N_PARTY, CAP = 150, 100, 15


def main():
    lines = tweet_texts(TRAIN)
    n = len(lines)
    # the first 450 only (selection party/keyword/random), so the script still reproduces its own
    # rows after they were appended to the same CSV
    old = {int(r["line"]) for r in csv.DictReader(open("data/germeval2018-annotations.csv", encoding="utf-8"))
           if r["selection"] in ("party", "keyword", "random")}
    assert len(old) == 450, len(old)
    rng = random.Random(2019)
    pats = split_patterns(PATTERNS)
    rx = {p: alias_regex(p, False) for p in pats}
    hits = {i: [p for p in pats if rx[p].search(t)] for i, t in enumerate(lines, 1)}
    hits = {i: h for i, h in hits.items() if h}
    keyword = sorted(i for i in hits if i not in old)
    print(f"keyword2: {len(hits)} lines hit, {len(keyword)} not yet labelled", file=sys.stderr)
    print("  triggers:", Counter(p for i in keyword for p in hits[i]).most_common(10), file=sys.stderr)

    taken = old | set(keyword)
    rest = [i for i in range(1, n + 1) if i not in taken]
    rand = sorted(rng.sample(rest, N_RANDOM))
    taken |= set(rand)

    party, count, found, pools = party_lines(lines, taken, rng, N_PARTY, CAP)
    print(f"random2: {len(rand)} of {len(rest)}; with alias: {sum(1 for i in rand if found[i])}", file=sys.stderr)
    print("party2 pools:", pools, file=sys.stderr)
    print("  alias-hit counts in party2:", dict(count.most_common()), file=sys.stderr)
    print("line,selection")
    for sel, ls in (("keyword2", keyword), ("random2", rand), ("party2", party)):
        for i in sorted(ls):
            print(f"{i},{sel}")


def party_lines(lines, taken, rng, n_party, cap):
    """Lines naming a party of data/parties.toml, balanced across parties: each pool (the
    party's alias lines not in `taken`) is shuffled with `rng` in file order of the parties,
    then lines are taken one at a time for the party with the fewest so far, skipping a line
    that would push any party it names over `cap`. Adds the taken lines to `taken`; returns
    (lines taken, alias-hit counts, parties found per line, pool sizes before the draw).
    Shared by the train2 and train3 selections."""
    n = len(lines)
    parties = tomllib.load(open("data/parties.toml", "rb"))["parties"]
    prx = {name: [alias_regex(a, a in set(v.get("case_sensitive", []))) for a in v["aliases"]]
           for name, v in parties.items()}
    found = {i: {p for p, rs in prx.items() if any(r.search(t) for r in rs)} for i, t in enumerate(lines, 1)}
    pools = {p: [i for i in range(1, n + 1) if p in found[i] and i not in taken] for p in parties}
    sizes = {p: len(v) for p, v in sorted(pools.items(), key=lambda x: -len(x[1]))}
    for p in parties:
        rng.shuffle(pools[p])
    count, party = Counter(), []
    while len(party) < n_party:
        open_p = [p for p in parties if pools[p] and count[p] < cap]
        if not open_p:
            break
        p = min(open_p, key=lambda q: (count[q], list(parties).index(q)))
        i = pools[p].pop()
        if i in taken or any(count[q] + 1 > cap for q in found[i]):
            continue
        taken.add(i)
        party.append(i)
        for q in found[i]:
            count[q] += 1
    return party, count, found, sizes


if __name__ == "__main__":
    main()
