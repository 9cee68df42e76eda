#!/usr/bin/env python3
"""Inter-annotator agreement: data/comments.csv (original labels, annotator A)
against data/agreement/second-annotator.csv (independent second annotation of a
sample, annotator B).

Prints, per label: n, raw agreement, Cohen's kappa (with a 95 % bootstrap
interval over comments), the confusion matrix (rows A, columns B) and the
per-class F1 of one annotator against the other. Per-class F1 is symmetric in
A and B (2 * both / (A + B)), so the stance macro-F1 printed here is directly
comparable to the stance model's macro-F1 (mean of the class F1s over
comment-party pairs): it is what a "model" that labels like B would score
against A's labels. Stance is also broken down per party (n >= 10).

A stance pair counts when either annotator filled the cell; a pair only one of
them filled is reported as a coverage difference, not in the kappa.

Standard library only:  python3 scripts/agreement.py [--a FILE] [--b FILE]
"""

import argparse
import csv
import random
import sys

STANCE = ("favor", "against", "none")
BOOT = 2000
SEED = 1


def kappa(pairs, classes):
    n = len(pairs)
    if n == 0:
        return float("nan")
    po = sum(a == b for a, b in pairs) / n
    pe = sum((sum(a == c for a, _ in pairs) / n) * (sum(b == c for _, b in pairs) / n) for c in classes)
    return float("nan") if pe == 1 else (po - pe) / (1 - pe)


def class_f1(pairs, c):
    both = sum(a == c and b == c for a, b in pairs)
    tot = sum(a == c for a, _ in pairs) + sum(b == c for _, b in pairs)
    return float("nan") if tot == 0 else 2 * both / tot


def macro_f1(pairs, classes):
    f = [class_f1(pairs, c) for c in classes]
    f = [x for x in f if x == x]
    return sum(f) / len(f) if f else float("nan")


def boot_ci(groups, stat, rng):
    """95 % percentile interval of stat over comments resampled with replacement.
    groups: one list of (a, b) pairs per comment."""
    vals = []
    k = len(groups)
    for _ in range(BOOT):
        pairs = [p for _ in range(k) for p in groups[rng.randrange(k)]]
        v = stat(pairs)
        if v == v:
            vals.append(v)
    vals.sort()
    if not vals:
        return float("nan"), float("nan")
    return vals[int(0.025 * len(vals))], vals[min(len(vals) - 1, int(0.975 * len(vals)))]


def confusion(pairs, classes, title):
    w = max(9, max(len(c) for c in classes) + 2)
    print(f"  {title}: rows = original (A), columns = second annotator (B)")
    print("  " + " " * w + "".join(f"{c:>{w}}" for c in classes) + f"{'total A':>{w}}")
    for ca in classes:
        row = [sum(a == ca and b == cb for a, b in pairs) for cb in classes]
        print("  " + f"{ca:<{w}}" + "".join(f"{x:>{w}}" for x in row) + f"{sum(row):>{w}}")
    tot = [sum(b == cb for _, b in pairs) for cb in classes]
    print("  " + f"{'total B':<{w}}" + "".join(f"{x:>{w}}" for x in tot) + f"{len(pairs):>{w}}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", default="data/comments.csv", help="original labels")
    ap.add_argument("--b", default="data/agreement/second-annotator.csv", help="second annotation")
    args = ap.parse_args()

    with open(args.a, newline="", encoding="utf-8") as f:
        a_rows = {r["id"]: r for r in csv.DictReader(f)}
    with open(args.b, newline="", encoding="utf-8") as f:
        rb = csv.DictReader(f)
        b_cols = rb.fieldnames
        b_rows = list(rb)
    missing = [r["id"] for r in b_rows if r["id"] not in a_rows]
    if missing:
        sys.exit(f"ids in {args.b} not in {args.a}: {missing[:10]}")
    parties = [c[len("stance:"):] for c in b_cols if c.startswith("stance:")]
    rng = random.Random(SEED)

    print(f"{len(b_rows)} comments annotated twice ({args.a} = A, {args.b} = B)\n")
    summary = []

    for col in ("incivility", "conspiracy"):
        groups = [[(a_rows[r["id"]][col].strip(), r[col].strip())] for r in b_rows]
        pairs = [p for g in groups for p in g]
        classes = ("0", "1")
        po = sum(a == b for a, b in pairs) / len(pairs)
        k = kappa(pairs, classes)
        lo, hi = boot_ci(groups, lambda p: kappa(p, classes), rng)
        f1 = class_f1(pairs, "1")
        mf = macro_f1(pairs, classes)
        print(f"== {col}")
        print(f"  n {len(pairs)}   raw agreement {po:.3f}   Cohen's kappa {k:.3f} (95 % CI {lo:.2f}-{hi:.2f})   "
              f"F1 of label 1 {f1:.3f}   macro-F1 {mf:.3f}   positives A {sum(a == '1' for a, _ in pairs)}, B {sum(b == '1' for _, b in pairs)}")
        confusion(pairs, classes, "confusion")
        print()
        summary.append((col, len(pairs), po, k, lo, hi, mf))

    # stance
    groups, only_a, only_b = [], [], []
    per_party = {p: [] for p in parties}
    for r in b_rows:
        g = []
        for p in parties:
            va = a_rows[r["id"]].get("stance:" + p, "").strip()
            vb = r["stance:" + p].strip()
            if va and vb:
                g.append((va, vb))
                per_party[p].append((va, vb))
            elif va:
                only_a.append((r["id"], p, va))
            elif vb:
                only_b.append((r["id"], p, vb))
        groups.append(g)
    pairs = [p for g in groups for p in g]
    po = sum(a == b for a, b in pairs) / len(pairs)
    k = kappa(pairs, STANCE)
    lo, hi = boot_ci(groups, lambda p: kappa(p, STANCE), rng)
    mf = macro_f1(pairs, STANCE)
    mlo, mhi = boot_ci(groups, lambda p: macro_f1(p, STANCE), rng)
    print("== stance (comment-party pairs)")
    print(f"  n {len(pairs)} pairs in {sum(1 for g in groups if g)} comments   raw agreement {po:.3f}   "
          f"Cohen's kappa {k:.3f} (95 % CI {lo:.2f}-{hi:.2f})")
    print(f"  macro-F1 of B against A {mf:.3f} (95 % CI {mlo:.2f}-{mhi:.2f}); per class: "
          + ", ".join(f"{c} {class_f1(pairs, c):.3f}" for c in STANCE))
    print(f"  pairs filled by A only: {len(only_a)}; by B only: {len(only_b)}")
    for i, p, v in only_a + only_b:
        print(f"    id {i} {p}: {v} ({'A' if (i, p, v) in only_a else 'B'} only)")
    confusion(pairs, STANCE, "confusion")
    print()
    print("  per class, one-vs-rest:")
    print(f"  {'class':<9}{'A':>6}{'B':>6}{'both':>6}{'F1':>8}{'kappa':>8}")
    for c in STANCE:
        bp = [(a == c, b == c) for a, b in pairs]
        print(f"  {c:<9}{sum(a for a, _ in bp):>6}{sum(b for _, b in bp):>6}{sum(a and b for a, b in bp):>6}"
              f"{class_f1(pairs, c):>8.3f}{kappa(bp, (True, False)):>8.3f}")
    print()
    print("  per party (n >= 10):")
    print(f"  {'party':<16}{'n':>5}{'agree':>8}{'kappa':>8}{'macro-F1':>10}   A f/a/n   B f/a/n")
    for p in parties:
        pp = per_party[p]
        if len(pp) < 10:
            continue
        ag = sum(a == b for a, b in pp) / len(pp)
        ca = "/".join(str(sum(a == c for a, _ in pp)) for c in STANCE)
        cb = "/".join(str(sum(b == c for _, b in pp)) for c in STANCE)
        print(f"  {p:<16}{len(pp):>5}{ag:>8.3f}{kappa(pp, STANCE):>8.3f}{macro_f1(pp, STANCE):>10.3f}   {ca:<9} {cb}")
    small = sorted((p, len(v)) for p, v in per_party.items() if 0 < len(v) < 10)
    print("  fewer than 10 pairs: " + ", ".join(f"{p} {n}" for p, n in small))
    print()
    summary.append(("stance", len(pairs), po, k, lo, hi, mf))

    print("== summary")
    print(f"  {'label':<12}{'n':>5}{'agreement':>11}{'kappa':>8}{'kappa 95 % CI':>16}{'macro-F1':>10}")
    for col, n, po, k, lo, hi, mf in summary:
        print(f"  {col:<12}{n:>5}{po:>11.3f}{k:>8.3f}{f'{lo:.2f}-{hi:.2f}':>16}{mf:>10.3f}")


if __name__ == "__main__":
    main()
