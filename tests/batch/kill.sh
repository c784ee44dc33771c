#!/bin/sh
# kill.sh -- crier batch survives SIGKILL at any moment.
#
# Runs a batch of generated articles uninterrupted with -j 1 (the reference),
# then with -j 2 killed by SIGKILL halfway (the whole process group), and
# once more killed early (the parent alone: its workers must die with it).
# After each kill no file under a final name may differ from the reference
# (rename is atomic, so nothing truncated is ever visible), and a rerun must
# finish with exactly the reference's files, byte for byte (so the outputs
# do not depend on -j either), and no temporary file left behind.
#
# usage: kill.sh CRIER GEN-ARTICLES SAMPLE
set -u
CRIER=$1
GEN=$2
SAMPLE=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
# FLAC (lossless and byte-deterministic), with captions and chapters so
# that those files are held to the same rules. (Ogg streams carry a random
# serial number in libsndfile 1.2: two Ogg runs never match byte for byte.)
# Loudness processing is off: it is not what this test is about, and it
# triples the time under the sanitizers.
FMT="--format flac --no-loudness --vtt --chapters"
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

python3 "$GEN" "$T/in" 14 --sample "$SAMPLE" --broken || exit 1
# The speech cache (crier-PID-XXXXXX directories) goes to a TMPDIR of our
# own, where what the kills leave can be seen.
TMPDIR=$T/tmp
export TMPDIR
mkdir "$TMPDIR"

# The reference run. The broken files make it a partial success: exit 1.
"$CRIER" batch -q -j 1 $FMT "$T/in" -d "$T/ref" 2>"$T/ref.log"
rc=$?
[ $rc -eq 1 ] || fail "reference run exited $rc, want 1"
total=$(ls "$T/ref"/*.meta.json | wc -l)
[ "$total" -eq 9 ] || fail "reference made $total articles, want 9"
echo "reference: $total articles; $(tail -n 1 "$T/ref.log")"

# hashes DIR: "sha256  name" for every file, hidden ones included.
hashes() { (cd "$1" && find . -type f | sort | xargs sha256sum); }

# visible_match DIR: every non-hidden file equals the reference's.
visible_match() {
    for f in "$1"/*; do
        [ -e "$f" ] || continue
        n=$(basename "$f")
        cmp -s "$f" "$T/ref/$n" || fail "after the kill, $n differs from the reference (partial?)"
    done
}

# wait_for DIR N: until N records exist in DIR (at most ~60 s).
wait_for() {
    i=0
    while [ "$(ls "$1"/*.meta.json 2>/dev/null | wc -l)" -lt "$2" ] && [ $i -lt 1200 ]; do
        sleep 0.05
        i=$((i + 1))
    done
}

# rerun_and_compare DIR: the rerun must complete and equal the reference.
rerun_and_compare() {
    "$CRIER" batch -j 2 $FMT "$T/in" -d "$1" 2>"$1.log"
    rc=$?
    [ $rc -eq 1 ] || fail "rerun in $(basename "$1") exited $rc, want 1"
    grep -q "batch: [0-9]* done, [0-9]* up to date, 5 failed" "$1.log" ||
        fail "rerun summary: $(tail -n 1 "$1.log")"
    if [ "$(hashes "$1" | grep -v someone-else)" != "$(cat "$T/ref.sums")" ]; then
        fail "after the rerun, $(basename "$1") differs from the reference:"
        hashes "$1" | diff - "$T/ref.sums" | head
    fi
    echo "$(basename "$1") rerun: $(tail -n 1 "$1.log")"
}
hashes "$T/ref" >"$T/ref.sums"

# 1. SIGKILL to the whole process group halfway through.
setsid "$CRIER" batch -q -j 2 $FMT "$T/in" -d "$T/half" 2>/dev/null &
pid=$!
wait_for "$T/half" $((total / 2))
kill -KILL -- -$pid 2>/dev/null || kill -KILL $pid
wait $pid 2>/dev/null
done_at_kill=$(ls "$T/half"/*.meta.json 2>/dev/null | wc -l)
echo "half: killed with $done_at_kill of $total done, $(ls -A "$T/half" | grep -c '^\.') hidden temporary files"
visible_match "$T/half"
rerun_and_compare "$T/half"

# 2. SIGKILL to the parent alone, early: workers must not outlive it.
setsid "$CRIER" batch -q -j 2 $FMT "$T/in" -d "$T/early" 2>/dev/null &
pid=$!
wait_for "$T/early" 1
kill -KILL $pid
wait $pid 2>/dev/null
sleep 0.5
# Zombies do not count: they are dead, waiting for an init to reap them.
left=$(ps -o stat= -s $pid | grep -vc '^Z')
[ "$left" -eq 0 ] || fail "$left worker processes outlived the killed parent"
visible_match "$T/early"
# A stale temporary file of one of our articles goes; anyone else's stays.
: >"$T/early/.story-001.flac.Ab12Cd"
: >"$T/early/.story-001.meta.json.Ab12Cd"
: >"$T/early/.someone-else.flac.Ab12Cd"
# The speech cache of a killed run goes with the rerun: a directory whose
# process is dead. One of a live process stays, and so does anything that
# is not named as ours.
echo "speech caches left by the kills: $(ls "$TMPDIR" | grep -c '^crier-')"
mkdir "$TMPDIR/crier-$$-Live01" "$TMPDIR/crier-4999999-Dead01" "$TMPDIR/crier-Old001"
: >"$TMPDIR/crier-4999999-Dead01/chunk000000.pcm"
: >"$TMPDIR/crier-$$-Live01/chunk000000.pcm"
rerun_and_compare "$T/early"
[ -e "$T/early/.someone-else.flac.Ab12Cd" ] || fail "a temporary file of another job was removed"
rm -f "$T/early/.someone-else.flac.Ab12Cd"
[ "$(hashes "$T/early")" = "$(hashes "$T/ref")" ] || fail "stale temporary files were left"
[ "$(LC_ALL=C ls "$TMPDIR" | tr '\n' ' ')" = "crier-$$-Live01 crier-Old001 " ] ||
    fail "speech caches after the rerun: $(ls "$TMPDIR" | tr '\n' ' ')"

echo "$fails failed"
[ "$fails" -eq 0 ]
