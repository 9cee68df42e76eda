#!/usr/bin/env python3
"""Body extraction: comment-radar vs trafilatura on the same HTML pages.

For every HTML page with a gold file (NAME.expected.json beside NAME.html) in
the given folders, both tools extract the main text; the script prints, per
tool, body-sentence recall (gold `body_contains` sentences found in the
extracted main text) and furniture leakage (gold `furniture` strings found in
it). trafilatura runs with comments excluded (include_comments=False), so
both tools are asked for the same thing: the article without comments and
boilerplate.

With --comments the script also compares the comment sections. trafilatura's
comment extraction (include_comments=True) returns one text blob, not separate
comments, so the comparison is by text containment for both tools: a gold
comment counts as found when its text (white space collapsed) occurs in the
tool's comment output (comment-radar: its comment texts joined), as leaked
into the body when it occurs in the tool's main text, and a furniture string
counts as leaked into the comments when it occurs in the comment output
(comment-radar: texts, titles and authors). Authors, dates and replies are not
compared here (trafilatura gives none); `comment-radar segment --eval` scores
those for comment-radar.

Usage (see README, "Body extraction vs trafilatura" and "Blind evaluation set"):
    python3 -m venv /tmp/cr-venv && /tmp/cr-venv/bin/pip install trafilatura
    cargo build --release
    /tmp/cr-venv/bin/python scripts/compare_trafilatura.py tests/fixtures [more folders]
    /tmp/cr-venv/bin/python scripts/compare_trafilatura.py --comments tests/blind
"""
import json
import pathlib
import subprocess
import sys

try:
    import trafilatura
except ImportError:
    sys.exit("trafilatura is missing: python3 -m venv /tmp/cr-venv && /tmp/cr-venv/bin/pip install trafilatura, "
             "then run this script with /tmp/cr-venv/bin/python")

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = ROOT / "target" / "release" / "comment-radar"


def collapse(s):
    return " ".join(s.split())


def decode(raw):
    # Same bytes for both tools; trafilatura decodes itself when given bytes.
    return raw


def tf_comments(raw):
    doc = trafilatura.bare_extraction(raw, include_comments=True, include_tables=True, favor_recall=False)
    if doc is None:
        return ""
    text = doc.get("comments") if isinstance(doc, dict) else getattr(doc, "comments", None)
    return text or ""


def compare_comments(pages, ours):
    """Comment sections of both tools, by text containment (see the module doc)."""
    tot = {"cr": [0, 0, 0], "tf": [0, 0, 0]}  # gold comments found, comments in body, furniture in comments
    n_com = n_furn = 0
    print()
    print(f"{'page':<44} {'com':>4} {'furn':>4} | {'cr found':>8} {'inbody':>6} {'furn':>4} | {'tf found':>8} {'inbody':>6} {'furn':>4}")
    for p, gold in pages:
        mine = ours[p.name]
        cr_com = collapse(" ".join(c["text"] for c in mine["comments"]))
        cr_meta = collapse(" ".join(" ".join(x for x in (c.get("author"), c.get("title"), c["text"]) if x)
                                    for c in mine["comments"]))
        cr_body = collapse(" ".join(mine["body"]))
        raw = p.read_bytes()
        tf_com = collapse(tf_comments(raw))
        tf_body = collapse(trafilatura.extract(raw, include_comments=False, include_tables=True,
                                               favor_recall=False) or "")
        coms = [collapse(c["text"]) for c in gold.get("comments", [])]
        furn = [collapse(f) for f in gold.get("furniture", []) if f.strip()]
        n_com += len(coms)
        n_furn += len(furn)
        row = []
        for key, com, meta, body in (("cr", cr_com, cr_meta, cr_body), ("tf", tf_com, tf_com, tf_body)):
            found = sum(c in com for c in coms)
            inbody = sum(c in body for c in coms)
            leaks = sum(f in meta for f in furn)
            for i, v in enumerate((found, inbody, leaks)):
                tot[key][i] += v
            row.append(f"{found:>4}/{len(coms):<3} {inbody:>6} {leaks:>4}")
        print(f"{p.name:<44} {len(coms):>4} {len(furn):>4} | {row[0]} | {row[1]}")
    print()
    print(f"{len(pages)} HTML pages, {n_com} gold comments, {n_furn} furniture strings")
    for key, name in (("cr", "comment-radar"), ("tf", f"trafilatura {trafilatura.__version__}")):
        found, inbody, leaks = tot[key]
        print(f"{name:<22} comment-text recall {found / max(n_com, 1):.3f} ({found}/{n_com})   "
              f"comments in body {inbody}   furniture in comments {leaks} of {n_furn}")


def main(dirs, comments=False):
    if not BIN.exists():
        sys.exit(f"{BIN} is missing: run `cargo build --release` first")
    pages = []
    for d in dirs:
        for p in sorted(pathlib.Path(d).glob("*.htm*")):
            gold = p.with_name(p.name.rsplit(".", 1)[0] + ".expected.json")
            if gold.exists():
                pages.append((p, json.loads(gold.read_text(encoding="utf-8"))))
    if not pages:
        sys.exit(f"no HTML page with a gold file in {' '.join(dirs)}")
    out = subprocess.run([str(BIN), "segment", "--json", *[str(p) for p, _ in pages]],
                         capture_output=True, check=True, text=True).stdout
    ours = {pathlib.Path(x["source"]).name: x for x in json.loads(out)}

    tot = {"cr": [0, 0, 0], "tf": [0, 0, 0]}  # found sentences, leaks, ... per tool
    n_sent = n_furn = 0
    print(f"{'page':<44} {'sent':>4} {'furn':>4} | {'cr recall':>9} {'cr leak':>7} | {'tf recall':>9} {'tf leak':>7}")
    for p, gold in pages:
        cr_body = collapse(" ".join(ours[p.name]["body"]))
        tf_text = trafilatura.extract(p.read_bytes(), include_comments=False, include_tables=True,
                                      favor_recall=False) or ""
        tf_body = collapse(tf_text)
        sents = [collapse(s) for s in gold.get("body_contains", [])]
        furn = [collapse(f) for f in gold.get("furniture", []) if f.strip()]
        n_sent += len(sents)
        n_furn += len(furn)
        row = []
        for key, body in (("cr", cr_body), ("tf", tf_body)):
            found = sum(s in body for s in sents)
            leaks = sum(f in body for f in furn)
            tot[key][0] += found
            tot[key][1] += leaks
            row.append(f"{found:>4}/{len(sents):<4} {leaks:>7}")
        print(f"{p.name:<44} {len(sents):>4} {len(furn):>4} | {row[0]} | {row[1]}")
    print()
    print(f"{len(pages)} HTML pages, {n_sent} gold body sentences, {n_furn} furniture strings")
    for key, name in (("cr", "comment-radar"), ("tf", f"trafilatura {trafilatura.__version__}")):
        found, leaks, _ = tot[key]
        print(f"{name:<22} body-sentence recall {found / max(n_sent, 1):.3f} ({found}/{n_sent})   "
              f"furniture leakage {leaks} of {n_furn}")
    if comments:
        compare_comments(pages, ours)


if __name__ == "__main__":
    args = sys.argv[1:]
    with_comments = "--comments" in args
    dirs = [a for a in args if a != "--comments"]
    main(dirs or [str(ROOT / "tests" / "fixtures")], comments=with_comments)
