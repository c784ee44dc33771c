#!/bin/sh
# captions.sh -- captions and chapters of the sample, as WAV with WebVTT and
# as MP3 (chunked, parallel encoding) with SubRip: every sentence's cue
# starts within 100 ms of the speech onset found in the audio itself; cue
# text is the written text; the JSON chapters and the MP3's ID3 chapters
# agree and cover the file.
#
# usage: captions.sh CRIER SAMPLE CUE_ONSETS CHAPTERS_CHECK DIR
set -u
CRIER=$1 SAMPLE=$2 ONSETS=$3 CHAPTERS=$4 DIR=$5
mkdir -p "$DIR"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
headline='NATO ready to send more troops to Kosovo in case of fresh unrest'

"$CRIER" speak -q "$SAMPLE" -o "$DIR/cap.wav" --captions "$DIR/cap.vtt" \
    --chapters "$DIR/cap.json" || fail "crier (wav) exited with $?"
"$ONSETS" "$DIR/cap.wav" "$DIR/cap.vtt" 100 || fail "WAV cue times"
"$CHAPTERS" "$DIR/cap.json" 4 "$DIR/cap.wav" "$headline" || fail "WAV chapters"
head -n 1 "$DIR/cap.vtt" | grep -qx WEBVTT || fail "no WEBVTT header"
# The written text, not the spoken form.
grep -q 'Sep 20' "$DIR/cap.vtt" || fail "cue text is not the written text"
grep -q 'PRISTINA/MITROVICA' "$DIR/cap.vtt" || fail "the dateline is not as written"
grep -qi 'september twentieth' "$DIR/cap.vtt" && fail "cue text is the spoken form"

"$CRIER" speak -q "$SAMPLE" -o "$DIR/cap.mp3" --captions "$DIR/cap.srt" \
    --chapters "$DIR/cap-mp3.json" || fail "crier (mp3) exited with $?"
"$ONSETS" "$DIR/cap.mp3" "$DIR/cap.srt" 100 || fail "MP3 cue times"
"$CHAPTERS" "$DIR/cap-mp3.json" 4 "$DIR/cap.mp3" "$headline" || fail "MP3 chapters"
sed -n 1,2p "$DIR/cap.srt" | tr '\n' ' ' | grep -q '^1 00:00:00,[0-9]* --> ' || fail "SRT layout"
# The ID3 chapters say what the JSON says, to the millisecond.
ffprobe -v error -show_chapters -of csv=p=0 -show_entries chapter=start_time "$DIR/cap.mp3" |
    awk '{ printf "%.3f\n", $1 }' >"$DIR/id3-starts"
grep -o '"startTime":[^,]*' "$DIR/cap-mp3.json" | awk -F: '{ printf "%.3f\n", $2 }' \
    >"$DIR/json-starts"
cmp -s "$DIR/id3-starts" "$DIR/json-starts" || {
    fail "ID3 and JSON chapters differ"
    paste "$DIR/id3-starts" "$DIR/json-starts"
}
echo "$fails failed"
[ "$fails" -eq 0 ]
