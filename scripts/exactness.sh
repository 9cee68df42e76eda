#!/usr/bin/env bash
# Exactness check for rewrites of the segmenter: parses every page we have
# (fixtures, all blind sets, the seeds, examples/pages and both fuzz corpora)
# with ./target/release/examples/segment_dump and writes one TSV line a page
# (`path<TAB>json of the Page`). Run it before and after a change and cmp the
# two files: a rewrite meant to be exact must give identical files.
#
#   cargo build --release --example segment_dump
#   scripts/exactness.sh /tmp/before      # writes /tmp/before.text.tsv, /tmp/before.html.tsv
#   ... change, rebuild ...
#   scripts/exactness.sh /tmp/after
#   cmp /tmp/before.text.tsv /tmp/after.text.tsv && cmp /tmp/before.html.tsv /tmp/after.html.tsv
#
# The fuzz corpora (fuzz/corpus/, not tracked: `cargo fuzz` grows them) must
# be in the checkout; a worktree can take main's (`cp -r ../main/fuzz/corpus
# fuzz/`). The files of segment_text have no extension; they are linked with
# a `.txt` extension into a temporary folder so that they are read as text, as
# the fuzz target reads them, and that folder is written as
# `fuzz-text/NAME.txt` in the output (path and source), so that runs from any checkout and any
# TMPDIR compare.
set -euo pipefail
out=${1:?usage: scripts/exactness.sh OUT_PREFIX}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
dump=$root/target/release/examples/segment_dump
[ -x "$dump" ] || { echo "exactness.sh: $dump missing; run: cargo build --release --example segment_dump" >&2; exit 1; }
[ -d "$shared/seeds" ] || { echo "exactness.sh: $shared/seeds missing; set SHARED=path/to/shared" >&2; exit 1; }
for d in segment_text segment_html; do
  [ -n "$(ls -A "$root/fuzz/corpus/$d" 2>/dev/null)" ] || { echo "exactness.sh: $root/fuzz/corpus/$d is missing or empty; copy it from a checkout that has it (cp -r OTHER/fuzz/corpus $root/fuzz/) or run the fuzzer once" >&2; exit 1; }
done
fz=$(mktemp -d)
trap 'rm -rf "$fz"' EXIT
find "$root/fuzz/corpus/segment_text" -maxdepth 1 -type f -exec sh -c 'for f; do ln -s "$f" "$0/${f##*/}.txt"; done' "$fz" {} +
cd "$root"
{ ls "$PWD"/tests/fixtures/*.txt "$PWD"/tests/blind*/*.txt "$shared"/seeds/*.txt "$PWD"/examples/pages/*.txt; find "$fz" -maxdepth 1 -name '*.txt' | sort; } \
  | sed "s#^$root/##" | "$dump" | sed "s#$fz/#fuzz-text/#g" > "$out.text.tsv"
{ ls "$PWD"/tests/*/*.html "$PWD"/examples/pages/*.html; find "$PWD"/fuzz/corpus/segment_html -maxdepth 1 -type f | sort; } \
  | sed "s#^$root/##" | "$dump" > "$out.html.tsv"
echo "$(wc -l < "$out.text.tsv") text pages -> $out.text.tsv; $(wc -l < "$out.html.tsv") HTML pages -> $out.html.tsv"
grep -c "PANIC" "$out.text.tsv" "$out.html.tsv" || true
