#!/bin/sh
# tags.sh -- metadata in every format, with accented names, read back by
# libsndfile (tags_check) and by an independent reader (ffprobe). MP3
# carries crier's own ID3v2.4 tag, UTF-8, with chapters.
#
# usage: tags.sh CRIER FIXTURE TAGS_CHECK DIR
set -u
CRIER=$1 FIXTURE=$2 TAGS=$3 DIR=$4
mkdir -p "$DIR"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
title='Café owners in Priština protest over new façade rules'
artist='José Müller-Ødegård' # the byline, without its "By"
album='Crónica diária'
comment='Leído por crier — prueba'
for fmt in wav flac ogg opus mp3; do
    out=$DIR/tags.$fmt
    "$CRIER" speak -q --no-loudness --album "$album" --comment "$comment" --date 2022-09-20 \
        "$FIXTURE" -o "$out" || { fail "$fmt: crier exited with $?"; continue; }
    "$TAGS" "$out" "title=$title" "artist=$artist" "album=$album" "date=2022-09-20" \
        "comment=$comment" >/dev/null || fail "$fmt: libsndfile read other tags"
    probe=$(ffprobe -v error -show_entries format_tags:stream_tags -of default=nw=1 "$out" |
        sed 's/^TAG:\([A-Za-z]*\)=/\1=/' | tr 'A-Z' 'a-z' 2>/dev/null)
    for kv in "title=$title" "artist=$artist" "album=$album" "comment=$comment"; do
        key=${kv%%=*}
        got=$(ffprobe -v error -show_entries format_tags:stream_tags -of default=nw=1 "$out" |
            grep -i "^TAG:$key=" | head -n 1 | cut -d= -f2-)
        [ "$got" = "${kv#*=}" ] || fail "$fmt: ffprobe $key is '$got'"
    done
    echo "ok: $fmt tags"
done
# The MP3 tag is ID3v2.4 (byte 3 is the major version) with chapters.
ver=$(od -An -tu1 -j3 -N1 "$DIR/tags.mp3" | tr -d ' ')
[ "$(head -c 3 "$DIR/tags.mp3")" = ID3 ] && [ "$ver" = 4 ] || fail "MP3 tag is not ID3v2.4"
chapters=$(ffprobe -v error -show_chapters "$DIR/tags.mp3" | grep -c '^\[CHAPTER\]')
[ "$chapters" -ge 3 ] || fail "MP3 has $chapters chapters"
ffprobe -v error -show_chapters -of compact "$DIR/tags.mp3" | sed -n 1p
echo "$fails failed"
[ "$fails" -eq 0 ]
