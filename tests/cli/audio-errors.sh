#!/bin/sh
# audio-errors.sh -- the speak command's contract when things go wrong: a
# clear message naming the file (and line), the documented exit code, no
# partial output left behind, and an earlier output left as it was.
#
# usage: audio-errors.sh CRIER SAMPLE FIXTURE LONG_INPUT_SCRIPT
set -u
CRIER=$1 SAMPLE=$2 FIXTURE=$3 LONG=$4
. "$(dirname "$0")/expect.sh"

# No temporary file may be left beside a destination.
no_temp() {
    if ls -A "$1" | grep -q '^\.'; then
        fail "a temporary file was left in $1: $(ls -A "$1" | grep '^\.')"
    fi
}

# Voices.
expect 78 "no voice profile named 'nosuch'" "$CRIER" speak --voice nosuch "$FIXTURE" -o "$T/a.mp3"
printf 'voice = en-us\nrat = 170\n' >"$T/typo.voice"
expect 78 "$T/typo.voice:2: unknown key 'rat'" \
    "$CRIER" speak --voice "$T/typo.voice" "$FIXTURE" -o "$T/a.mp3"
printf '# a voice the engine lacks\nvoice = xx-nope\n' >"$T/nope.voice"
expect 78 "$T/nope.voice:2: eSpeak NG has no voice 'xx-nope'" \
    "$CRIER" speak --voice "$T/nope.voice" "$FIXTURE" -o "$T/a.mp3"
printf 'voice = en-us\n[caption]\nvariant = nosuchvariant\n' >"$T/var.voice"
expect 78 "$T/var.voice:3: eSpeak NG has no variant 'nosuchvariant'" \
    "$CRIER" speak --voice "$T/var.voice" "$FIXTURE" -o "$T/a.mp3"
printf 'voice = en-us\n[shouting]\nrate = 300\n' >"$T/role.voice"
expect 78 "$T/role.voice:2: unknown role 'shouting'" \
    "$CRIER" speak --voice "$T/role.voice" "$FIXTURE" -o "$T/a.mp3"

# Options.
expect 64 "cannot be written at 44100 Hz" \
    "$CRIER" speak --sample-rate 44100 "$FIXTURE" -o "$T/a.opus"
expect 64 "expected a number from -40 to -5" \
    "$CRIER" speak --loudness 3 "$FIXTURE" -o "$T/a.mp3"
expect 64 "unknown audio format" "$CRIER" speak "$FIXTURE" -o "$T/a.aiff"

# Destinations that cannot be written.
expect 73 "$T/no/such/dir/a.mp3: cannot create" "$CRIER" speak "$FIXTURE" -o "$T/no/such/dir/a.mp3"
: >"$T/plain"
expect 73 "$T/plain/a.mp3: cannot create" "$CRIER" speak "$FIXTURE" -o "$T/plain/a.mp3"
expect 73 "$T/no/dir/a.vtt: cannot create" \
    "$CRIER" speak "$FIXTURE" -o "$T/b.mp3" --captions "$T/no/dir/a.vtt"
[ -e "$T/b.mp3" ] && fail "audio written although the captions could not be"
# A full disk: /dev/full fails every write with ENOSPC.
expect 73 "/dev/full: cannot write: No space left on device" \
    "$CRIER" speak --format mp3 "$FIXTURE" -o /dev/full
expect 73 "/dev/full: cannot write" "$CRIER" speak --format wav "$FIXTURE" -o /dev/full
expect 73 "/dev/full: cannot write" \
    "$CRIER" speak "$FIXTURE" -o "$T/c.mp3" --captions /dev/full
[ -e "$T/c.mp3" ] && fail "audio written although the captions could not be"
# A full disk in the output's own directory, as a file size limit (the
# shell's ulimit -f, in 512-byte blocks): the temporary file hits it.
echo precious >"$T/keep.flac"
(ulimit -f 64; exec "$CRIER" speak "$FIXTURE" -o "$T/keep.flac") 2>"$T/err"
got=$?
[ "$got" -eq 73 ] || { fail "file size limit: exit $got, want 73"; cat "$T/err"; }
grep -q "keep.flac: cannot write" "$T/err" || { fail "file size limit message"; cat "$T/err"; }
[ "$(cat "$T/keep.flac")" = precious ] || fail "the earlier output was touched"
no_temp "$T"

# Signals: stopped mid-run, the temporary file goes and the earlier
# output stays. The run is long enough to be caught in the middle.
# The speech cache goes to TMPDIR and must go too.
sh "$LONG" "$SAMPLE" 3 >"$T/long.txt"
mkdir "$T/tmp"
for sig in TERM INT; do
    echo precious >"$T/keep.mp3"
    TMPDIR="$T/tmp" "$CRIER" speak -q -j 2 "$T/long.txt" -o "$T/keep.mp3" \
        --captions "$T/keep.vtt" 2>"$T/err" &
    pid=$!
    i=0
    while [ $i -lt 100 ] && ! ls -A "$T" | grep -q '^\.keep\.mp3\.'; do
        sleep 0.05
        i=$((i + 1))
    done
    sleep 0.5
    kill -$sig $pid
    wait $pid
    got=$?
    [ "$got" -eq 130 ] || { fail "SIG$sig: exit $got, want 130"; cat "$T/err"; }
    grep -q "interrupted" "$T/err" || fail "SIG$sig: no message"
    [ "$(cat "$T/keep.mp3")" = precious ] || fail "SIG$sig: the earlier output was touched"
    [ -e "$T/keep.vtt" ] && fail "SIG$sig: captions were left"
    no_temp "$T"
    [ -z "$(ls -A "$T/tmp")" ] || fail "SIG$sig: the speech cache was left: $(ls -A "$T/tmp")"
    echo "ok: SIG$sig: exit $got, nothing left"
done

echo "$fails failed"
[ "$fails" -eq 0 ]
