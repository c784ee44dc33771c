#!/bin/sh
# batch-throughput.sh -- crier batch with -j 2 against -j 1, in the same run.
#
# usage: bench/batch-throughput.sh [CRIER] [N] [FORMAT]
#
# Generates N articles (default 200: text dumps and HTML pages made by
# gen-articles.py, the bundled sample, and a few broken files), then runs
# the whole batch from scratch with -j 1 and with -j 2, twice each and
# interleaved (j1 j2 j1 j2) so that a load spike from elsewhere hits both.
# Throughput is articles per second of wall time; the score is the ratio of
# the best -j 2 run to the best -j 1 run. Target: >= 1.7 on two cores.
# Exits 1 below the target.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
CRIER=${1:-$here/../build/bin/crier}
N=${2:-200}
FMT=${3:-ogg}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

python3 "$here/gen-articles.py" "$T/in" "$N" --sample "$here/../samples/kosovo-nato.txt" --broken

# run J: one full batch into a fresh directory; prints the wall seconds.
run() {
    rm -rf "$T/out"
    s=$(date +%s.%N)
    "$CRIER" batch -q -j "$1" --format "$FMT" "$T/in" -d "$T/out" --report "$T/r.json" \
        2>"$T/log" || [ $? -eq 1 ]
    e=$(date +%s.%N)
    echo "$s $e" | awk '{printf "%.2f", $2 - $1}'
}

echo "batch of $N articles ($FMT), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
j1a=$(run 1); echo "  -j 1: ${j1a} s  ($(tail -n 1 "$T/log" | sed 's/^crier: batch: //'))"
j2a=$(run 2); echo "  -j 2: ${j2a} s"
j1b=$(run 1); echo "  -j 1: ${j1b} s"
j2b=$(run 2); echo "  -j 2: ${j2b} s"
python3 - "$T/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"  report: {r['done']} done, {r['failed']} failed (the broken files), "
      f"{sum(a['seconds'] for a in r['articles']) / 3600:.2f} h of audio")
PY
echo "$j1a $j2a $j1b $j2b" | awk '{
    j1 = ($1 < $3) ? $1 : $3; j2 = ($2 < $4) ? $2 : $4; ratio = j1 / j2;
    printf "throughput ratio -j 2 / -j 1: %.2f (best of two: %.2f s vs %.2f s; target >= 1.70)\n", ratio, j1, j2;
    exit (ratio >= 1.70) ? 0 : 1 }'
