#!/bin/sh
# feed.sh -- crier feed and its listening page, checked by real readers.
#
# Makes three episodes with crier batch (MP3 with captions and chapters),
# takes the captions and chapters away from one, then: the feed must satisfy a real feed parser and Apple's
# required tags (check_feed.py, run by Debian's /usr/bin/python3, which has
# python3-feedparser), be the same bytes when written again, and keep its
# GUIDs when the episodes are made again. The listening page is loaded in
# headless Chromium through a local server that answers byte ranges: the
# captions track must load with the expected number of cues, and clicking
# a chapter link must seek the audio.
#
# usage: feed.sh CRIER SAMPLE TESTS-FEED-DIR
set -u
CRIER=$1
SAMPLE=$2
HERE=$3
PY=/usr/bin/python3
T=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

mkdir "$T/in"
printf 'Council approves budget\n\nThe council met on Monday and approved a budget of $4.5 million.\n\nWork starts in May.\n' >"$T/in/council.txt"
printf '<html><body><article><h1>Storm warning</h1><p>Rain is expected on Friday across the north.</p></article></body></html>\n' >"$T/in/storm.html"
cp "$SAMPLE" "$T/in/"
E=$T/ep
"$CRIER" batch -q --vtt --chapters "$T/in" -d "$E" 2>"$T/err" || fail "batch: $(cat "$T/err")"
# The episode without captions must get no transcript and no track. Its
# record lists them, so take it out of the record too (by remaking it
# without them: --force with the same options but no --vtt/--chapters).
"$CRIER" batch -q --force "$T/in/storm.html" -d "$E" 2>/dev/null
rm -f "$E/storm.vtt" "$E/storm.chapters.json"

BASE=http://podcasts.example/news
feed() { "$CRIER" feed "$E" --base-url "$BASE/" --title "Test news" --author "crier tests" \
    --image "$BASE/cover.png" "$@"; }
feed -o "$T/feed.xml" 2>"$T/err" || fail "feed: $(cat "$T/err")"
$PY "$HERE/check_feed.py" "$T/feed.xml" "$E" "$BASE" >"$T/check" || fail "feed check: $(grep -v '^ok' "$T/check")"
grep -c '^ok' "$T/check" | sed 's/^/ok: feed parser checks passed: /'

# Deterministic, and GUIDs that survive re-rendering every episode. (The
# feed's own file name is part of its identity: keep it.)
mkdir "$T/2" "$T/3"
feed -o "$T/2/feed.xml"
cmp -s "$T/feed.xml" "$T/2/feed.xml" || fail "the feed changed between two runs"
guids() { grep -o '<guid[^<]*' "$1" | sort; }
"$CRIER" batch -q --force --vtt --chapters --rate 200 "$T/in/council.txt" -d "$E" 2>/dev/null
feed -o "$T/3/feed.xml"
[ "$(guids "$T/feed.xml")" = "$(guids "$T/3/feed.xml")" ] || fail "GUIDs changed after re-rendering"
[ "$(guids "$T/feed.xml" | sort -u | wc -l)" -eq 3 ] || fail "GUIDs are not unique"
cmp -s "$T/feed.xml" "$T/3/feed.xml" && fail "re-rendered episodes did not change the feed (lengths?)"
echo "ok: deterministic feed, stable GUIDs"

# Errors: no base URL, a directory that is not there, a bad GUID.
"$CRIER" feed "$E" -o "$T/x.xml" 2>/dev/null; [ $? -eq 64 ] || fail "no --base-url: want 64"
"$CRIER" feed "$T/nope" --base-url "$BASE" -o "$T/x.xml" 2>/dev/null
[ $? -eq 66 ] || fail "missing DIR: want 66"
feed --guid not-a-uuid -o "$T/x.xml" 2>/dev/null; [ $? -eq 64 ] || fail "bad --guid: want 64"
feed -o "$T/no/such/dir/feed.xml" 2>/dev/null; [ $? -eq 73 ] || fail "unwritable feed: want 73"

# The listening page, in a real browser.
feed --site "$E" -o "$T/feed.xml" || fail "feed --site"
cp "$HERE/harness.html" "$E/"
$PY "$HERE/serve.py" "$E" "$T/port" &
server=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
mkdir "$T/profile"
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$T/profile" --autoplay-policy=no-user-gesture-required \
    --dump-dom "http://127.0.0.1:$(cat "$T/port")/harness.html" \
    2>"$T/chrome.err" | sed -n 's/.*<pre id="result">\([^<]*\)<.*/\1/p' >"$T/result.json"
echo "browser: $(cat "$T/result.json")"
cues=$(for v in "$E"/*.vtt; do grep -c -- '-->' "$v"; done | tr '\n' ' ')
chapters=$(cat "$E"/*.chapters.json | grep -c '"startTime"')
echo "expected: cues per captions file: $cues; chapters: $chapters"
$PY - "$T/result.json" "$cues" "$chapters" <<'PY' || fail "listening page in Chromium"
import json, sys
r = json.loads(open(sys.argv[1]).read().replace("&quot;", '"') or "{}")
assert r.get("errors") == [], r
want = sorted(int(n) for n in sys.argv[2].split())
chapters = int(sys.argv[3])
assert r["audios"] == 3, "one <audio> per episode"
assert sorted(t for t in r["tracks"] if t is not None) == want, ("cues per track", want)
assert r["tracks"].count(None) == 1, "no track where there are no captions"
assert r["transcript"] == sum(want), "transcripts as text"
assert r["links"] == chapters, ("chapter links", chapters)
s = r["seeks"][0]
assert s["how"] == "seeked" and abs(s["got"] - s["want"]) < 0.05 and s["want"] > 0, s
PY

echo "$fails failed"
[ "$fails" -eq 0 ]
