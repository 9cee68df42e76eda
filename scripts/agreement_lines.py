#!/usr/bin/env python3
"""Inter-annotator agreement for files keyed by `line` (GermEval tweet line
numbers), e.g. data/heldout-germeval-test.csv (annotator A) against
data/agreement/heldout-germeval-test.second.csv (annotator B).

scripts/agreement.py keys rows by `id` and expects an `incivility` column; the
GermEval label files have neither. This script uses the same statistics
(imported from scripts/agreement.py): for `conspiracy` n, raw agreement and
Cohen's kappa; for stance the pairs either annotator filled, with pairs only one
of them filled reported separately as coverage differences, kappa and raw
agreement over the pairs both filled, and the macro-F1 of B against A (per-class
F1 is symmetric, so it is also A against B). 95 % intervals are a bootstrap
over lines. Disagreements are listed by line number and party only (no text).

Standard library only:
  python3 scripts/agreement_lines.py [--a FILE] [--b FILE]
"""

import argparse
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from agreement import STANCE, SEED, boot_ci, class_f1, confusion, kappa, macro_f1  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", default="data/heldout-germeval-test.csv", help="first annotator")
    ap.add_argument("--b", default="data/agreement/heldout-germeval-test.second.csv", help="second annotator")
    args = ap.parse_args()

    with open(args.a, newline="", encoding="utf-8") as f:
        a_rows = {r["line"]: r for r in csv.DictReader(f)}
    with open(args.b, newline="", encoding="utf-8") as f:
        rb = csv.DictReader(f)
        b_cols = rb.fieldnames
        b_rows = list(rb)
    missing = [r["line"] for r in b_rows if r["line"] not in a_rows]
    if missing:
        sys.exit(f"lines in {args.b} not in {args.a}: {missing[:10]}")
    parties = [c[len("stance:"):] for c in b_cols if c.startswith("stance:")]
    rng = random.Random(SEED)
    print(f"{len(b_rows)} lines annotated twice ({args.a} = A, {args.b} = B)\n")

    # conspiracy
    groups = [[(a_rows[r["line"]]["conspiracy"].strip(), r["conspiracy"].strip())] for r in b_rows]
    pairs = [p for g in groups for p in g]
    po = sum(a == b for a, b in pairs) / len(pairs)
    k = kappa(pairs, ("0", "1"))
    lo, hi = boot_ci(groups, lambda p: kappa(p, ("0", "1")), rng)
    print("== conspiracy")
    print(f"  n {len(pairs)}   raw agreement {po:.3f}   Cohen's kappa {k:.3f} (95 % CI {lo:.2f}-{hi:.2f})   "
          f"F1 of label 1 {class_f1(pairs, '1'):.3f}   positives A {sum(a == '1' for a, _ in pairs)}, "
          f"B {sum(b == '1' for _, b in pairs)}")
    confusion(pairs, ("0", "1"), "confusion")
    dis = [(r["line"], a_rows[r["line"]].get("selection", ""), a, b)
           for r, ((a, b),) in zip(b_rows, groups) if a != b]
    print("  disagreements: " + ", ".join(f"{l} ({s}: A {a}, B {b})" for l, s, a, b in dis))
    print()
    summary = [("conspiracy", len(pairs), po, k, lo, hi)]

    # stance
    groups, only_a, only_b, diff = [], [], [], []
    for r in b_rows:
        g = []
        for p in parties:
            va = a_rows[r["line"]].get("stance:" + p, "").strip()
            vb = r["stance:" + p].strip()
            if va and vb:
                g.append((va, vb))
                if va != vb:
                    diff.append((r["line"], p, va, vb))
            elif va:
                only_a.append((r["line"], p, va))
            elif vb:
                only_b.append((r["line"], p, vb))
        groups.append(g)
    pairs = [p for g in groups for p in g]
    po = sum(a == b for a, b in pairs) / len(pairs)
    k = kappa(pairs, STANCE)
    lo, hi = boot_ci(groups, lambda p: kappa(p, STANCE), rng)
    mf = macro_f1(pairs, STANCE)
    mlo, mhi = boot_ci(groups, lambda p: macro_f1(p, STANCE), rng)
    filled = len(pairs) + len(only_a) + len(only_b)
    print("== stance (line-party pairs)")
    print(f"  pairs filled by either annotator: {filled}; by both: {len(pairs)}; A only: {len(only_a)}; "
          f"B only: {len(only_b)}   (labels A {len(pairs) + len(only_a)}, B {len(pairs) + len(only_b)})")
    print(f"  over pairs both filled: raw agreement {po:.3f}   Cohen's kappa {k:.3f} (95 % CI {lo:.2f}-{hi:.2f})")
    print(f"  macro-F1 of B against A {mf:.3f} (95 % CI {mlo:.2f}-{mhi:.2f}); per class: "
          + ", ".join(f"{c} {class_f1(pairs, c):.3f}" for c in STANCE))
    confusion(pairs, STANCE, "confusion")
    print("  stance disagreements (line party A/B): " + ", ".join(f"{l} {p} {a}/{b}" for l, p, a, b in diff))
    cov = {}
    for l, p, v in only_a:
        cov.setdefault(("A", p), []).append(f"{l}:{v}")
    for l, p, v in only_b:
        cov.setdefault(("B", p), []).append(f"{l}:{v}")
    print("  coverage differences by party:")
    for (who, p), items in sorted(cov.items(), key=lambda x: (x[0][0], -len(x[1]))):
        print(f"    {who} only, {p} ({len(items)}): " + " ".join(items))
    print()
    summary.append(("stance", len(pairs), po, k, lo, hi))

    print("== summary")
    print(f"  {'label':<12}{'n':>5}{'agreement':>11}{'kappa':>8}{'kappa 95 % CI':>16}")
    for col, n, po, k, lo, hi in summary:
        print(f"  {col:<12}{n:>5}{po:>11.3f}{k:>8.3f}{f'{lo:.2f}-{hi:.2f}':>16}")
    print(f"  stance macro-F1 (B against A) {mf:.3f}; coverage: A only {len(only_a)}, B only {len(only_b)} "
          f"of {filled} pairs filled by either")


if __name__ == "__main__":
    main()
