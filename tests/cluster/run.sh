#!/usr/bin/env bash
# Proves the cluster recipes (examples/spark_tag.py, examples/dask_tag.py)
# against gazetag's own filter output, on the fixture corpus beside this
# script (stories written for this project; one file gzipped here, one with
# a blank, a malformed, a text-less and a non-object line, a CRLF line and a
# line with a lone CR inside, which the recipes must not split where gazetag
# does not).
#
#   tests/cluster/run.sh          # .ci/run calls it after the other gates
#
# 1. A virtualenv with examples/requirements-cluster.txt (pyspark 4.x,
#    dask[distributed]), kept in ${XDG_CACHE_HOME:-~/.cache}/gazetag-ci and
#    rebuilt only when that file changes; pip's own cache keeps downloads.
#    Java 17 from Debian's packages when no java 17+ is on the PATH.
# 2. The release binary, the default gazetteer compiled with it, and the
#    reference: each input file piped through `gazetag tag --format jsonl -`.
# 3. Spark (--master local[2], bound to 127.0.0.1, UI off) and Dask (a
#    LocalCluster on 127.0.0.1) over the same files; their output, sorted
#    as bytes, must equal the reference sorted the same way. Sorting whole
#    lines orders records by their id's JSON text, then by the rest, so
#    error records without an id (`{"id":null,"line":N,...}`) sort by line
#    number and message: the order is total and deterministic. Each file
#    is one partition, so error records' line numbers agree too.
# 4. A copy of the compiled gazetteer with one byte flipped: both jobs must
#    exit non-zero, and for that reason (gazetag's checksum error).
#
# With CI=true every step must succeed; elsewhere a missing python3, venv
# or java the script cannot install skips the check with a message.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

ci=${CI:-}
skip() {
  if [ "$ci" = "true" ]; then
    echo "cluster: FAIL: $*" >&2
    exit 1
  fi
  echo "cluster: skipped: $*"
  echo "cluster: 0 passed, 0 failed, 4 skipped"
  exit 0
}

start=$SECONDS
step() { echo "cluster: [$((SECONDS - start)) s] $*"; }

apt_install() { # package...: Debian's packages, as root or through sudo
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  command -v apt-get >/dev/null 2>&1 || return 1
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# --- Python environment ----------------------------------------------------
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  step "installing python3-venv (no python3 with venv found)"
  apt_install python3 python3-venv || skip "python3 with venv is missing and apt-get could not install it"
fi
req=examples/requirements-cluster.txt
cache=${GAZETAG_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gazetag-ci}
pyver=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
key=$( (cat "$req"; echo "$pyver") | sha256sum | cut -c1-12)
venv=$cache/venv-$key
if [ -f "$venv/.complete" ] && "$venv/bin/python" -c 'import pyspark, dask.bag, distributed' 2>/dev/null; then
  step "reusing $venv"
else
  step "creating $venv (pip install -r $req)"
  mkdir -p "$cache"
  # Venvs for an older requirements file or Python go.
  find "$cache" -maxdepth 1 -name 'venv-*' ! -name "venv-$key" -exec rm -rf {} +
  rm -rf "$venv"
  python3 -m venv "$venv" || skip "cannot create a virtualenv"
  if ! "$venv/bin/python" -m pip install --quiet -r "$req"; then
    rm -rf "$venv"
    skip "pip install -r $req failed"
  fi
  touch "$venv/.complete"
fi
py=$venv/bin/python

# --- Java 17+ (PySpark 4 needs it) -----------------------------------------
java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
}
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
  step "installing openjdk-17-jre-headless (no java 17+ found)"
  apt_install openjdk-17-jre-headless || skip "java 17 is missing and apt-get could not install it"
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
  export PATH=$JAVA_HOME/bin:$PATH
fi
step "java $(java_major), $("$py" -c 'import pyspark, dask; print("pyspark", pyspark.__version__, "dask", dask.__version__)')"

# --- Binary, gazetteer, corpus, reference ----------------------------------
cargo build --release --quiet
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target=$root/$target ;; esac
bin=$target/release/gazetag

work=$(mktemp -d "${TMPDIR:-/tmp}/gazetag-cluster.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$bin" compile -o "$work/default.gazc" 2>/dev/null
mkdir "$work/in"
cp tests/cluster/corpus/*.jsonl "$work/in/"
gzip -n "$work/in/wire-b.jsonl"
inputs=("$work"/in/*)

for f in "${inputs[@]}"; do
  gzip -dcf "$f" | "$bin" tag -q --input-format jsonl --format jsonl --gazetteer "$work/default.gazc" - 2>/dev/null
done | LC_ALL=C sort >"$work/reference.jsonl"
lines_in=$(for f in "${inputs[@]}"; do gzip -dcf "$f"; done | wc -l)
lines_ref=$(wc -l <"$work/reference.jsonl")
errors_ref=$(grep -c '"error":' "$work/reference.jsonl" || true)
if [ "$lines_ref" -ne "$lines_in" ] || [ "$errors_ref" -ne 5 ]; then
  echo "cluster: FAIL: the reference has $lines_ref lines ($errors_ref error records) for $lines_in input lines; expected one per line and 5 errors" >&2
  exit 1
fi
step "reference: $lines_ref lines, $errors_ref error records, from ${#inputs[@]} files"

passed=0
failed=0
ok() { passed=$((passed + 1)); step "ok   $*"; }
bad() { failed=$((failed + 1)); step "FAIL $*"; }

export SPARK_LOCAL_IP=127.0.0.1
spark() { # gazetteer output-dir log
  timeout 600 "$py" examples/spark_tag.py "${inputs[@]}" "$2" \
    --gazetag "$bin" --gazetteer "$1" --master 'local[2]' --partitions 1 \
    --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    >"$3" 2>&1
}
dask() { # gazetteer output-dir log
  timeout 600 "$py" examples/dask_tag.py "${inputs[@]}" "$2" \
    --gazetag "$bin" --gazetteer "$1" --workers 2 >"$3" 2>&1
}

# --- The recipes agree with gazetag ----------------------------------------
for job in spark dask; do
  out=$work/out-$job
  log=$work/$job.log
  if ! $job "$work/default.gazc" "$out" "$log"; then
    tail -30 "$log" >&2
    bad "$job: the job failed on a good gazetteer"
    continue
  fi
  cat "$out"/part-* | LC_ALL=C sort >"$work/$job.jsonl"
  if cmp -s "$work/$job.jsonl" "$work/reference.jsonl"; then
    ok "$job: $(wc -l <"$work/$job.jsonl") lines, equal to gazetag's own output (sorted)"
  else
    diff "$work/reference.jsonl" "$work/$job.jsonl" | head -20 >&2 || true
    bad "$job: output differs from gazetag's own (sorted; diff above)"
  fi
done

# --- A corrupt gazetteer fails the job -------------------------------------
cp "$work/default.gazc" "$work/corrupt.gazc"
size=$(stat -c %s "$work/corrupt.gazc")
"$py" - "$work/corrupt.gazc" "$((size / 2))" <<'EOF'
import sys
path, at = sys.argv[1], int(sys.argv[2])
with open(path, "r+b") as f:
    f.seek(at)
    b = f.read(1)[0]
    f.seek(at)
    f.write(bytes([b ^ 0x01]))
EOF
for job in spark dask; do
  log=$work/$job-corrupt.log
  if $job "$work/corrupt.gazc" "$work/out-$job-corrupt" "$log"; then
    bad "$job: exited 0 with a corrupt gazetteer"
  elif ! grep -q "checksum does not match" "$log"; then
    tail -30 "$log" >&2
    bad "$job: failed, but not with gazetag's checksum error"
  else
    ok "$job: fails (exit non-zero) on a corrupt gazetteer, gazetag's error in its log"
  fi
done

step "done in $((SECONDS - start)) s"
echo "cluster: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
