#!/bin/sh
# sting.sh -- crier bulletin --sting: a sound file between stories.
#
# Two short stories, without and with a 1.5 s 880 Hz tone as the sting
# (made here with sox, in stereo at 44.1 kHz so that it is mixed down and
# resampled), checked by properties of the decoded audio: the episode grows
# by the sting's length, the tone is where the sting should be with
# silence around it, at the speech's loudness; the chapters and captions
# are those of the episode without it, the second story's chapter moved
# by the sting's length so that it starts after it; the same bytes with
# one worker and two; a tone above the engine's bandwidth survives. Then bad stings: missing (66), not audio or too long
# (65), each named, with no output left.
#
# usage: sting.sh CRIER TESTS-DIR
set -u
CRIER=$1
HERE=$2/bulletin
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
STORIES="$HERE/lifeboat.html $HERE/ferry.txt"
# near A B TOL: |A - B| <= TOL
near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; exit !(d <= t && -d <= t) }'; }

sox -n -r 44100 -c 2 "$T/sting.wav" synth 1.5 sine 880 vol 0.5 || { echo "FAIL: sox"; exit 1; }

# What will be said: the sting once, between the first story and "Next:".
"$CRIER" bulletin --script --sting "$T/sting.wav" $STORIES >"$T/script" || fail "--script"
[ "$(grep -c "^audio	$T/sting.wav\$" "$T/script")" -eq 1 ] || fail "one sting line in the script"
grep -A1 '^audio	' "$T/script" | tail -n 1 | grep -q '^link	Next:$' ||
    fail "the sting comes right before \"Next:\""
"$CRIER" bulletin --script $STORIES | cmp -s - "$T/script" &&
    fail "the script without a sting is the same"
echo "ok: script"

"$CRIER" bulletin -q -j 2 --date 2024-02-14 $STORIES -o "$T/plain.mp3" || fail "plain bulletin"
"$CRIER" bulletin -q -j 2 --date 2024-02-14 --sting "$T/sting.wav" $STORIES -o "$T/sting2.mp3" ||
    fail "bulletin with a sting"
"$CRIER" bulletin -q -j 1 --date 2024-02-14 --sting "$T/sting.wav" $STORIES -o "$T/sting1.mp3" ||
    fail "bulletin with a sting, one worker"
for x in mp3 vtt chapters.json; do
    cmp -s "$T/sting1.$x" "$T/sting2.$x" || fail "-j1 and -j2 differ: .$x"
done
echo "ok: same bytes with -j1 and -j2"

# Length: the sting adds its own 1.5 s (the gap is split around it).
a=$(soxi -D "$T/plain.mp3") b=$(soxi -D "$T/sting2.mp3")
echo "durations: $a s without, $b s with the sting"
near "$(awk -v a="$a" -v b="$b" 'BEGIN { print b - a }')" 1.5 0.05 ||
    fail "the episode should grow by 1.5 s: $a -> $b"

# Chapters: as many, the first two where they were, the second story's
# 1.5 s later.
ffprobe -v error -show_entries chapter=start_time -of csv=p=0 "$T/plain.mp3" >"$T/ca"
ffprobe -v error -show_entries chapter=start_time -of csv=p=0 "$T/sting2.mp3" >"$T/cb"
[ "$(wc -l <"$T/ca")" -eq 4 ] && [ "$(wc -l <"$T/cb")" -eq 4 ] ||
    fail "4 chapters each: $(wc -l <"$T/ca"), $(wc -l <"$T/cb")"
near "$(sed -n 2p "$T/ca")" "$(sed -n 2p "$T/cb")" 0.01 || fail "first story's chapter moved"
s2=$(sed -n 3p "$T/cb")
near "$(sed -n 3p "$T/ca")" "$(awk -v s="$s2" 'BEGIN { print s - 1.5 }')" 0.05 ||
    fail "second story's chapter: $(sed -n 3p "$T/ca") -> $s2"
/usr/bin/python3 - "$T/sting2.chapters.json" "$s2" <<'PY' || fail "JSON chapters"
import json, sys
c = json.load(open(sys.argv[1]))["chapters"]
assert len(c) == 4 and abs(c[2]["startTime"] - float(sys.argv[2])) < 0.01, c
PY
echo "ok: chapters ($s2 s: second story)"

# Captions: the sting has no words.
ca=$(grep -c -- '-->' "$T/plain.vtt") cb=$(grep -c -- '-->' "$T/sting2.vtt")
[ "$ca" -eq "$cb" ] && [ "$ca" -gt 5 ] || fail "captions: $ca cues without, $cb with"
echo "ok: $cb cues"

# The tone: from s2 - 0.6 - 1.5 to s2 - 0.6 (half the 1200 ms gap after
# it), with silence on both sides: the story's chapter starts after it.
at=$(awk -v s="$s2" 'BEGIN { print s - 0.6 - 1.5 }')
sox "$T/sting2.mp3" -n trim "$(awk -v a="$at" 'BEGIN { print a + 0.2 }')" 1.1 stat 2>"$T/tone"
rms=$(awk '/RMS +amplitude/ { print $3 }' "$T/tone")
freq=$(awk '/Rough +frequency/ { print $3 }' "$T/tone")
echo "sting window at $at s: RMS $rms, about $freq Hz"
awk -v r="${rms:-0}" -v f="${freq:-0}" 'BEGIN { exit !(r > 0.05 && f > 860 && f < 900) }' ||
    fail "no 880 Hz tone where the sting should be"
for w in "$(awk -v a="$at" 'BEGIN { print a - 0.5 }')" "$(awk -v s="$s2" 'BEGIN { print s - 0.5 }')"; do
    sox "$T/sting2.mp3" -n trim "$w" 0.4 stat 2>"$T/quiet"
    q=$(awk '/RMS +amplitude/ { print $3 }' "$T/quiet")
    awk -v q="${q:-1}" 'BEGIN { exit !(q < 0.005) }' || fail "not silent at $w s (RMS $q)"
done

# Loudness: the episode at -16 LUFS, and the sting levelled to the speech
# (the raw tone is 7 LU louder than the raw speech).
loud() { ffmpeg -nostats -hide_banner "$@" -af ebur128 -f null - 2>&1 | awk '$1 == "I:" { print $2 }' | tail -n 1; }
li=$(loud -i "$T/sting2.mp3")
ls=$(loud -ss "$(awk -v a="$at" 'BEGIN { print a + 0.1 }')" -t 1.3 -i "$T/sting2.mp3")
echo "loudness: episode $li LUFS, sting $ls LUFS"
near "${li:-0}" -16 0.6 || fail "episode loudness $li"
near "${ls:-0}" -16 2 || fail "sting loudness $ls"
echo "ok: audio"

# Treble: a program that plays a sound file is mixed at the output's rate,
# so a 12 kHz tone, above the engine's 11 kHz of bandwidth, is heard; and
# a FLAC bulletin takes the sting's 44.1 kHz when no rate is asked for.
sox -n -r 44100 "$T/high.wav" synth 1.5 sine 12000 vol 0.5
"$CRIER" bulletin -q --date 2024-02-14 --sting "$T/high.wav" $STORIES -o "$T/high.flac" ||
    fail "bulletin with a 12 kHz sting"
r=$(soxi -r "$T/high.flac")
[ "$r" = 44100 ] || fail "FLAC at $r Hz, not the sting's 44100"
sox "$T/high.flac" -n trim "$(awk -v a="$at" 'BEGIN { print a + 0.2 }')" 1.1 sinc 11500 stat 2>"$T/hi"
hp=$(awk '/RMS +amplitude/ { print $3 }' "$T/hi")
echo "above 11.5 kHz in the sting window: RMS $hp"
awk -v r="${hp:-0}" 'BEGIN { exit !(r > 0.05) }' || fail "the 12 kHz tone is lost (RMS $hp)"
echo "ok: treble"

# Bad stings, found before any audio is made; no output is left.
expect() { # CODE PATTERN STING
    "$CRIER" bulletin --sting "$3" $STORIES -o "$T/bad.mp3" 2>"$T/err"
    rc=$?
    [ "$rc" -eq "$1" ] && grep -q -- "$2" "$T/err" || fail "sting $3: exit $rc, $(cat "$T/err")"
    ls -A "$T" | grep -q '^\.\?bad\.' && fail "sting $3: output left: $(ls -A "$T" | grep bad)"
    echo "ok: exit $rc: $(head -n 1 "$T/err")"
}
expect 66 "$T/missing.wav: cannot open" "$T/missing.wav"
echo "not audio" >"$T/text.wav"
expect 65 "$T/text.wav: not a sound file" "$T/text.wav"
sox -n -r 8000 "$T/long.flac" synth 31 sine 300
expect 65 "$T/long.flac: .*30 s" "$T/long.flac"
"$CRIER" bulletin --script --sting "$T/text.wav" $STORIES >/dev/null 2>&1
[ $? -eq 65 ] || fail "--script with a bad sting"
# Checked even when a bulletin of one story has no place for it.
"$CRIER" bulletin --sting "$T/text.wav" "$HERE/ferry.txt" -o "$T/one.mp3" 2>/dev/null
[ $? -eq 65 ] && [ ! -e "$T/one.mp3" ] || fail "one story, bad sting"

echo "$fails failed"
[ "$fails" -eq 0 ]
