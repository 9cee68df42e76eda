#!/usr/bin/env python3
"""Reproducible selection of GermEval 2018 *test* tweets for data/heldout-germeval-test.csv.

Prints `line,selection` rows (1-based line numbers of the test file); stores no tweet text.
Same three selections as data/germeval2018-annotations.md, scaled down:
keyword (~90, core patterns first), party (~160, balanced, cap 40 per party), random (~80).
One random.Random(2018) generator is used for every random step, in this order.

usage: python3 scripts/select_germeval_test.py [TEST_FILE] > selection.csv
"""
import random, re, sys, tomllib
from collections import Counter

TEST = sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/germeval2018/germeval2018.test.txt"
N_KEYWORD, N_PARTY, N_RANDOM, CAP = 90, 160, 80, 40

PATTERNS = """gesteuert* steuern Lügenpresse Lückenpresse Systemmedien Systempresse Systemparteien
Mainstreammedien Staatsfunk Staatsmedien Staatspresse Propaganda* Umvolkung Bevölkerungsaustausch
Volksaustausch Austausch Genozid Volkstod geplant* Plan Pläne planmäßig gewollt* absichtlich Absicht
Marionette* Strippenzieher* Drahtzieher* Hintermänner Hintergrund* NWO |Neue Weltordnung| Soros Globalist*
Elite* Bilderberg* Rothschild* Hochfinanz Weltregierung inszeniert* Inszenierung verschwiegen* vertuscht*
Vertuschung verheimlicht* Zensur Meinungsdiktatur Regime Diktatur Merkelregime Agenda Mainstream
gleichgeschaltet* Gleichschaltung |BRD GmbH| Besatzer* Souveränität Chemtrails Reptiloide Islamisierung
Zufall Zufälle zufällig* Lüge* Volksverräter* Volksverrat Zionist* Kalergi* Migrationspakt Hetzjagd
|Fake News| Fakenews Verschwörung* Medienkampagne Kampagne Hofberichterstattung Meinungsmache Manipulation
manipuliert* Gehirnwäsche Schlafschafe Wahlbetrug Fälschung gefälscht*"""
CORE = """Lügenpresse Lückenpresse Systemmedien Systempresse Systemparteien Mainstreammedien Staatsfunk
Staatsmedien Staatspresse Umvolkung Bevölkerungsaustausch Volkstod Marionette* Strippenzieher* Drahtzieher*
Soros Globalist* Bilderberg* Rothschild* Kalergi* Zionist* inszeniert* verschwiegen* vertuscht*
gleichgeschaltet* Verschwörung* Gehirnwäsche manipuliert* Manipulation Wahlbetrug geplant* Pläne Agenda
Besatzer*""".split()


def split_patterns(s):
    out, multi = [], re.findall(r"\|([^|]+)\|", s)
    out += multi
    out += re.sub(r"\|[^|]+\|", " ", s).split()
    return out


def alias_regex(alias, case_sensitive):
    prefix = alias.endswith("*")
    a = alias.rstrip("*")
    body = r"\s+".join(re.escape(w) for w in a.split())
    genitive = not prefix and not case_sensitive and not a.isupper() and a[-1] not in "sßxz"
    tail = r"\w*" if prefix else ("s?" if genitive else "")
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)" + body + tail + r"(?!\w)", flags)


def tweet_texts(path):
    """The tweets of a GermEval 2018 file, one per line (text column, |LBR| as a space)."""
    return [l.rstrip("\n").split("\t")[0].replace("|LBR|", " ") for l in open(path, encoding="utf-8")]


def main():
    lines = tweet_texts(TEST)
    n = len(lines)
    rng = random.Random(2018)
    pats = split_patterns(PATTERNS)
    rx = {p: alias_regex(p, False) for p in pats}
    core = set(CORE)
    hits = {i: [p for p in pats if rx[p].search(t)] for i, t in enumerate(lines, 1)}
    hits = {i: h for i, h in hits.items() if h}
    core_hits = sorted(i for i, h in hits.items() if core & set(h))
    other_hits = sorted(i for i in hits if i not in set(core_hits))
    if len(core_hits) >= N_KEYWORD:
        keyword = sorted(rng.sample(core_hits, N_KEYWORD))
    else:
        keyword = sorted(core_hits + rng.sample(other_hits, min(len(other_hits), N_KEYWORD - len(core_hits))))
    print(f"keyword: {len(hits)} lines hit, {len(core_hits)} core, selected {len(keyword)}", file=sys.stderr)
    trig = Counter(p for i in keyword for p in hits[i])
    print("  triggers:", trig.most_common(8), file=sys.stderr)

    parties = tomllib.load(open("data/parties.toml", "rb"))["parties"]
    prx = {name: [alias_regex(a, a in set(v.get("case_sensitive", []))) for a in v["aliases"]]
           for name, v in parties.items()}
    taken = set(keyword)
    found = {i: {p for p, rs in prx.items() if any(r.search(t) for r in rs)} for i, t in enumerate(lines, 1)}
    pools = {p: [i for i in range(1, n + 1) if p in found[i] and i not in taken] for p in parties}
    print(f"party: {sum(1 for i in found if found[i])} lines hit; pools:",
          {p: len(v) for p, v in sorted(pools.items(), key=lambda x: -len(x[1]))}, file=sys.stderr)
    for p in parties:
        rng.shuffle(pools[p])
    count = Counter()
    party = []
    while len(party) < N_PARTY:
        open_p = [p for p in parties if pools[p]]
        if not open_p:
            break
        p = min(open_p, key=lambda q: (count[q], list(parties).index(q)))
        i = pools[p].pop()
        if i in taken:
            continue
        if any(count[q] + 1 > CAP for q in found[i]):
            continue
        taken.add(i)
        party.append(i)
        for q in found[i]:
            count[q] += 1
    print("  alias-hit counts in party selection:", dict(count.most_common()), file=sys.stderr)
    rest = [i for i in range(1, n + 1) if i not in taken]
    rand = rng.sample(rest, N_RANDOM)
    print(f"random: {len(rand)} of {len(rest)}; with alias: {sum(1 for i in rand if found[i])}", file=sys.stderr)
    print("line,selection")
    for sel, ls in (("keyword", keyword), ("party", party), ("random", rand)):
        for i in sorted(ls):
            print(f"{i},{sel}")


if __name__ == "__main__":
    main()
