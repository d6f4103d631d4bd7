#!/usr/bin/env bash
# Benchmarks of gazetag, each checked against its expected count so that a
# fast wrong answer fails.
#
# usage: benches/run.sh CORPUS.jsonl [GAZETTEER]
#
# The corpus is not in the repository; make it from the shared bench kit:
#   python3 ../shared/bench/make_corpus.py 50 /tmp/corpus50.jsonl
# GAZETTEER: a compiled file (gazetag compile DIR -o FILE), a CSV directory,
# or nothing for the embedded default.
#
# Runs, in order: start-up (process start to first document tagged, default
# gazetteer), the raw-automaton baseline, the whole pipeline with 1 and 2
# threads (whose outputs must hash the same). Expected counts live in
# benches/expected.tsv, keyed by the corpus's md5 and the gazetteer's
# content version; an unknown pair prints the counts to add instead of
# failing. Quote ratios from one run: shared machines are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:?usage: benches/run.sh CORPUS.jsonl [GAZETTEER]}
gaz=${2:-}
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/gazetag
gargs=()
if [ -n "$gaz" ]; then
  gargs=(--gazetteer "$gaz")
  version=$("$bin" check "$gaz" --ambiguous 1 | sed -n 's/^gazetteer \([0-9a-f]*\):.*/\1/p')
else
  version=$("$bin" --version | sed -n 's/^gazetteer \([0-9a-f]*\) .*/\1/p')
fi
md5=$(md5sum "$corpus" | cut -c1-32)
expect() { awk -v m="$md5" -v v="$version" -v b="$1" '$1==m && $2==v && $3==b {print $4}' benches/expected.tsv; }
missing=0
run() {
  local name=$1; shift
  local want; want=$(expect "$name")
  local out
  if [ -n "$want" ]; then
    out=$("$bin" bench "$@" --expect "$want") || { echo "$out"; echo "FAIL $name: expected $want" >&2; exit 1; }
  else
    out=$("$bin" bench "$@"); missing=1
    local got; got=$(echo "$out" | sed -n 's/.*"\(matches\|mentions\)":\([0-9]*\).*/\2/p')
    echo "no expected count for $name: add this line to benches/expected.tsv:" >&2
    printf '%s\t%s\t%s\t%s\n' "$md5" "$version" "$name" "$got" >&2
  fi
  echo "$out"
}
echo "# corpus $corpus md5 $md5, gazetteer ${gaz:-embedded default} version $version"
# Start-up is always measured with the embedded default.
def_version=$("$bin" --version | sed -n 's/^gazetteer \([0-9a-f]*\) .*/\1/p')
want=$(awk -v v="$def_version" '$1=="-" && $2==v && $3=="startup" {print $4}' benches/expected.tsv)
"$bin" bench startup --runs 10 ${want:+--expect "$want"}
run raw raw "$corpus" "${gargs[@]}"
p1=$(run pipeline pipeline "$corpus" --threads 1 "${gargs[@]}"); echo "$p1"
p2=$(run pipeline pipeline "$corpus" --threads 2 "${gargs[@]}"); echo "$p2"
h1=$(echo "$p1" | sed -n 's/.*"output_hash":"\([0-9a-f]*\)".*/\1/p')
h2=$(echo "$p2" | sed -n 's/.*"output_hash":"\([0-9a-f]*\)".*/\1/p')
if [ "$h1" != "$h2" ]; then echo "FAIL: 1 and 2 threads wrote different output" >&2; exit 1; fi
exit $missing
