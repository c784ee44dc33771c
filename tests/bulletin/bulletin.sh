#!/bin/sh
# bulletin.sh -- crier bulletin end to end.
#
# From a feed: the newest items become stories in date order, each
# introduced by "First:"/"Next:" and its headline, between an intro and an
# outro that speak the title and the date. From the sample and two more
# articles: an episode that sox and ffprobe both read, with its record
# beside it, whose feed passes the feed-parser test (check_feed.py).
#
# usage: bulletin.sh CRIER SAMPLE TESTS-DIR
set -u
CRIER=$1
SAMPLE=$2
TESTS=$3
HERE=$TESTS/bulletin
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# The script of a feed bulletin: what will be said, in order.
"$CRIER" bulletin --script --latest 3 --title "Harbour news" "$HERE/news.rss" >"$T/script" ||
    fail "bulletin --script from a feed"
# Intro first, outro last, and each link ("First:"/"Next:") right before a
# headline.
[ "$(sed -n 1p "$T/script" | cut -f1)" = standfirst ] || fail "intro role"
[ "$(tail -n 1 "$T/script" | cut -f1)" = standfirst ] || fail "outro role"
awk -F'\t' 'prev ~ /^(First|Next):$/ && $1 != "headline" { bad = 1 } { prev = $2 } END { exit bad }' \
    "$T/script" || fail "a link not followed by a headline"
sed -n 1p "$T/script" | grep -q "Harbour news, for February thirteenth, twenty twenty-four" ||
    fail "intro: $(sed -n 1p "$T/script")"
grep '^headline' "$T/script" | cut -f2 >"$T/heads"
printf 'Council backs plan for new lifeboat station\nFerry timetable changes from Monday\nSchool choir wins regional final\n' |
    cmp -s - "$T/heads" || fail "the newest three, newest first: $(cat "$T/heads")"
[ "$(grep -c '	Next:$' "$T/script")" -eq 2 ] && grep -q '	First:$' "$T/script" ||
    fail "transitions"
tail -n 1 "$T/script" | grep -q "That was Harbour news" || fail "outro"
echo "ok: feed bulletin script"

# The episode: the sample and two more articles.
E=$T/ep
mkdir "$E"
"$CRIER" bulletin -q --title "Crier test bulletin" --date 2024-02-14 \
    "$SAMPLE" "$HERE/lifeboat.html" "$HERE/ferry.txt" -o "$E/bulletin.mp3" 2>"$T/err" ||
    fail "bulletin: $(cat "$T/err")"
[ -s "$E/bulletin.meta.json" ] || fail "no episode record"
secs=$(soxi -D "$E/bulletin.mp3" 2>/dev/null)
echo "sox: $secs s"
awk -v s="${secs:-0}" 'BEGIN { exit !(s > 240 && s < 600) }' || fail "sox duration $secs"
sox "$E/bulletin.mp3" -n stat 2>"$T/stat" || fail "sox cannot decode it"
fsecs=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$E/bulletin.mp3")
echo "ffprobe: $fsecs s"
awk -v a="${secs:-0}" -v b="${fsecs:-0}" 'BEGIN { d = a - b; exit !(d < 0.5 && d > -0.5) }' ||
    fail "ffprobe duration $fsecs differs from sox $secs"
/usr/bin/python3 - "$E/bulletin.meta.json" <<'PY' || fail "episode record"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["title"] == "Crier test bulletin" and r["date"] == "2024-02-14", r
assert "Council backs plan" in r["description"] and "Ferry timetable" in r["description"], r
assert [f["path"] for f in r["files"]] == ["bulletin.mp3", "bulletin.vtt", "bulletin.chapters.json"], r
assert r["seconds"] > 240, r
PY
# Chapters, as a podcast app reads them from the MP3's ID3 CHAP frames:
# the intro, one per story titled with its headline, the outro.
ffprobe -v error -show_entries chapter_tags=title -of csv=p=0 "$E/bulletin.mp3" >"$T/chapters"
echo "ffprobe chapters: $(tr '\n' '|' <"$T/chapters")"
[ "$(wc -l <"$T/chapters")" -eq 5 ] || fail "want 5 chapters"
for h in "NATO ready to send more troops" "Council backs plan for new lifeboat station" \
    "Ferry timetable changes from Monday"; do
    grep -q "^$h" "$T/chapters" || fail "no chapter '$h'"
done
/usr/bin/python3 - "$E/bulletin.chapters.json" <<'PY' || fail "JSON chapters"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["version"].startswith("1.2") and len(c["chapters"]) == 5, c
t = [x["startTime"] for x in c["chapters"]]
assert t == sorted(t) and t[0] == 0, t
PY
# The captions parse (ffmpeg's WebVTT demuxer) and cover the episode.
cues=$(ffprobe -v error -show_entries packet=pts_time -of csv=p=0 "$E/bulletin.vtt" | wc -l)
echo "captions: $cues cues"
[ "$cues" -gt 20 ] && [ "$cues" -eq "$(grep -c -- '-->' "$E/bulletin.vtt")" ] || fail "captions: $cues cues"
grep -q "First:" "$E/bulletin.vtt" && grep -q "Next:" "$E/bulletin.vtt" || fail "links in the captions"
"$CRIER" feed "$E" --base-url http://podcasts.example/b --image http://podcasts.example/b/c.png \
    --author "crier tests" -o "$E/feed.xml" || fail "feed"
/usr/bin/python3 "$TESTS/feed/check_feed.py" "$E/feed.xml" "$E" http://podcasts.example/b >"$T/check" ||
    fail "feed check: $(grep -v '^ok' "$T/check")"
grep -q "<title>Crier test bulletin</title>" "$E/feed.xml" || fail "episode title in the feed"
grep -q "Wed, 14 Feb 2024" "$E/feed.xml" || fail "episode date in the feed"
grep -q 'podcast:transcript url="http://podcasts.example/b/bulletin.vtt"' "$E/feed.xml" &&
    grep -q 'podcast:chapters url="http://podcasts.example/b/bulletin.chapters.json"' "$E/feed.xml" ||
    fail "transcript and chapters in the feed"
echo "ok: episode and its feed"

# Errors.
"$CRIER" bulletin "$SAMPLE" 2>/dev/null; [ $? -eq 64 ] || fail "no -o: want 64"
"$CRIER" bulletin --date 14/02/2024 "$SAMPLE" -o "$T/x.mp3" 2>/dev/null
[ $? -eq 64 ] || fail "bad --date: want 64"
printf '<rss version="2.0"><channel><title>x</title></channel></rss>\n' >"$T/empty.rss"
"$CRIER" bulletin "$T/empty.rss" -o "$T/x.mp3" 2>"$T/err"
[ $? -eq 65 ] && grep -q "empty.rss: no items" "$T/err" || fail "feed without items: $(cat "$T/err")"
ls "$T" | grep -q '^x\.' && fail "a failed bulletin left a file"

echo "$fails failed"
[ "$fails" -eq 0 ]
