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
# The fuzz corpus of segment_text has no extensions; its files are copied once
# with a `.txt` extension (to $TMPDIR/cr-fuzz-text) so that they are read as
# text, as the fuzz target reads them. Paths are absolute so that two
# worktrees give comparable files when run from the same directory layout;
# compare outputs of one worktree (or strip the prefix) otherwise.
set -euo pipefail
out=${1:?usage: scripts/exactness.sh OUT_PREFIX}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
dump=$root/target/release/examples/segment_dump
[ -x "$dump" ] || { echo "exactness.sh: $dump missing; run: cargo build --release --example segment_dump" >&2; exit 1; }
[ -d "$shared/seeds" ] || { echo "exactness.sh: $shared/seeds missing; set SHARED=path/to/shared" >&2; exit 1; }
fz=${TMPDIR:-/tmp}/cr-fuzz-text
if [ ! -d "$fz" ] || [ "$(ls "$fz" | wc -l)" != "$(ls "$root/fuzz/corpus/segment_text" | wc -l)" ]; then
  rm -rf "$fz" && mkdir -p "$fz"
  for f in "$root"/fuzz/corpus/segment_text/*; do cp "$f" "$fz/$(basename "$f").txt"; done
fi
cd "$root"
{ ls "$PWD"/tests/fixtures/*.txt "$PWD"/tests/blind*/*.txt "$shared"/seeds/*.txt "$PWD"/examples/pages/*.txt; ls "$fz"/* ; } \
  | sed "s#^$root/##" | "$dump" > "$out.text.tsv"
{ ls "$PWD"/tests/*/*.html "$PWD"/examples/pages/*.html "$PWD"/fuzz/corpus/segment_html/*; } \
  | sed "s#^$root/##" | "$dump" > "$out.html.tsv"
echo "$(wc -l < "$out.text.tsv") text pages -> $out.text.tsv; $(wc -l < "$out.html.tsv") HTML pages -> $out.html.tsv"
grep -c "PANIC" "$out.text.tsv" "$out.html.tsv" || true
