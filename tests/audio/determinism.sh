#!/bin/sh
# determinism.sh -- the same input and options give the same bytes, run
# after run and whatever the number of worker processes.
#
# usage: determinism.sh CRIER SAMPLE FIXTURE DIR
set -u
CRIER=$1 SAMPLE=$2 FIXTURE=$3 DIR=$4
mkdir -p "$DIR"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# MP3: chunks encoded in parallel and concatenated.
"$CRIER" speak -q -j 1 "$SAMPLE" -o "$DIR/d1.mp3" --captions "$DIR/d1.vtt"
"$CRIER" speak -q -j 3 "$SAMPLE" -o "$DIR/d3.mp3" --captions "$DIR/d3.vtt"
cmp "$DIR/d1.mp3" "$DIR/d3.mp3" || fail "MP3 differs between -j 1 and -j 3"
cmp "$DIR/d1.vtt" "$DIR/d3.vtt" || fail "captions differ between -j 1 and -j 3"
# Ogg (one encoder, serial numbers made stable) and FLAC.
for fmt in ogg opus flac; do
    "$CRIER" speak -q -j 1 "$FIXTURE" -o "$DIR/e1.$fmt"
    "$CRIER" speak -q -j 2 "$FIXTURE" -o "$DIR/e2.$fmt"
    "$CRIER" speak -q -j 2 "$FIXTURE" -o "$DIR/e3.$fmt"
    cmp "$DIR/e1.$fmt" "$DIR/e2.$fmt" || fail "$fmt differs between -j 1 and -j 2"
    cmp "$DIR/e2.$fmt" "$DIR/e3.$fmt" || fail "$fmt differs between two runs"
done
echo "$fails failed"
[ "$fails" -eq 0 ]
