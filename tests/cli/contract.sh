#!/bin/sh
# contract.sh -- the CLI's promises that hold for every command, checked the
# way a user meets them: text dumps whose standard output cannot be written
# (a full disk) must fail with 73, not exit 0 with half a file; inputs that
# cannot be read name themselves and exit 66; an invalid byte is reported at
# the same file offset by every command; the options README.md documents for
# all commands are accepted by each.
#
# usage: contract.sh CRIER SAMPLE TESTS_DIR
set -u
CRIER=$1 SAMPLE=$2 TESTS=$3
. "$(dirname "$0")/expect.sh"

# expect_full CODE CMD...: like expect, with standard output on /dev/full.
expect_full() {
    want=$1
    shift
    "$@" >/dev/full 2>"$T/err"
    got=$?
    if [ "$got" -ne "$want" ] || ! grep -q -- "<stdout>: write error" "$T/err"; then
        fail "$* >/dev/full -> exit $got (want $want), stderr:"; sed 's/^/    /' "$T/err"
    else
        echo "ok: exit $got on a full stdout: $*"
    fi
}

# Standard output that cannot be written is an output failure (73) for
# every command that prints its result, as it already was for normalize.
if [ -w /dev/full ]; then
    expect_full 73 "$CRIER" segment "$SAMPLE"
    expect_full 73 "$CRIER" segment --json "$SAMPLE"
    expect_full 73 "$CRIER" speak --script "$SAMPLE"
    expect_full 73 "$CRIER" bulletin --script "$TESTS/bulletin/news.rss"
    expect_full 73 "$CRIER" batch --dry-run "$SAMPLE" -d "$T/edition"
    expect_full 73 "$CRIER" normalize "$SAMPLE"
    expect_full 73 "$CRIER" --help
fi

# A directory given as the input is not readable text, for normalize too
# (fopen succeeds on a directory; the read fails).
mkdir "$T/dir"
expect 66 "$T/dir: cannot read: Is a directory" "$CRIER" normalize "$T/dir"
expect 66 "$T/dir: cannot read: Is a directory" "$CRIER" segment "$T/dir"

# The same bad byte is reported at the same place, a file offset, whichever
# command reads it (normalize reads line by line).
printf 'Good line\nbad \377 byte\n' >"$T/bad.txt"
expect 65 "$T/bad.txt:2: invalid UTF-8 at byte 14" "$CRIER" normalize "$T/bad.txt"
expect 65 "$T/bad.txt:2: invalid UTF-8 at byte 14" "$CRIER" segment "$T/bad.txt"
printf 'Good line\nbad \377 byte\n' >"$T/bad2.txt"
expect 65 "<stdin>:2: invalid UTF-8 at byte 14" sh -c "\"$CRIER\" normalize <\"$T/bad2.txt\""

# README: "--photo-captions end|inline|skip decides where photo captions go",
# for every command that reads an article; segment keeps its --captions too.
for place in end inline skip; do
    "$CRIER" segment --captions "$place" "$SAMPLE" >"$T/a" 2>"$T/err" &&
        "$CRIER" segment --photo-captions "$place" "$SAMPLE" >"$T/b" 2>>"$T/err"
    if [ $? -ne 0 ] || ! cmp -s "$T/a" "$T/b"; then
        fail "segment --photo-captions $place"; sed 's/^/    /' "$T/err"
    else
        echo "ok: segment --photo-captions $place"
    fi
done

# --format names the format that is wrong, not the output file.
expect 64 "unknown audio format 'aiff'" "$CRIER" speak --format aiff "$SAMPLE" -o "$T/a.wav"

# A --date the tags cannot hold is refused, not dropped from the MP3's tag
# (while a FLAC kept it); ISO 8601 dates and their prefixes pass.
expect 64 "--date: expected an ISO 8601 date" \
    "$CRIER" speak --date "last Tuesday" "$SAMPLE" -o "$T/a.mp3"
expect 64 "--date: expected an ISO 8601 date" \
    "$CRIER" speak --date "2024-13-01" "$SAMPLE" -o "$T/a.mp3"
for d in 2024 2024-02 2024-02-13 2024-02-13T07:30; do
    if ! "$CRIER" speak --script --date "$d" "$SAMPLE" >/dev/null 2>"$T/err"; then
        fail "speak --date $d refused"; sed 's/^/    /' "$T/err"
    fi
done

# A batch report that cannot be written is found before any article is
# made, not after hours of speech.
expect 73 "$T/no/such/report.json: cannot write" \
    "$CRIER" batch -q "$SAMPLE" -d "$T/edition" --report "$T/no/such/report.json"
ls "$T/edition" 2>/dev/null | grep -q '\.mp3$' && fail "batch spoke before failing on its report"

# A lexicon file saved by a Windows editor (CRLF lines, a byte-order mark)
# names its table like any other: the rows were read that way already.
printf '# table: pronunciations\r\nKosovo\tk'"'"'o:sOvo:\r\n' >"$T/crlf.tsv"
printf '\357\273\277# table: pronunciations\nKosovo\tk'"'"'o:sOvo:\n' >"$T/bom.tsv"
for f in crlf bom; do
    printf 'Kosovo\n' | "$CRIER" normalize --lexicon "$T/$f.tsv" >/dev/null 2>"$T/err" ||
        { fail "a $f lexicon file was refused"; sed 's/^/    /' "$T/err"; }
done

printf '\357\273\277voice = en-us\r\nrate = 170\r\n' >"$T/bom.voice"
"$CRIER" speak --script --voice "$T/bom.voice" "$SAMPLE" >/dev/null 2>"$T/err" ||
    { fail "a voice profile with a byte-order mark was refused"; sed 's/^/    /' "$T/err"; }

# Two outputs of one run on the same path: the last renamed would silently
# replace the other (an .mp3 holding WebVTT, exit 0). A bad command line.
expect 64 "the same file" "$CRIER" speak "$SAMPLE" -o "$T/same.mp3" --captions "$T/same.mp3"
expect 64 "the same file" "$CRIER" speak "$SAMPLE" -o "$T/x.mp3" --captions "$T/same.vtt" \
    --chapters "$T/same.vtt"
[ -e "$T/same.mp3" ] || [ -e "$T/same.vtt" ] && fail "speak wrote outputs on one path"

# Control characters a page carried (a terminal colour code, a bell, a form
# feed) are not written into caption files: a player shows or reads them
# as garbage. Nothing but printable text, line ends and cue timings.
printf 'Control codes headline\n\nThe council \033[31mmet\033[0m on Tuesday\007 and agreed to fund a new bridge.\014 Work starts in May.\n' \
    >"$T/ctl.txt"
for ext in vtt srt; do
    "$CRIER" speak -q "$T/ctl.txt" -o "$T/ctl.wav" --captions "$T/ctl.$ext" 2>"$T/err" ||
        { fail "speak with control characters"; sed 's/^/    /' "$T/err"; }
    if LC_ALL=C tr -d '\n' <"$T/ctl.$ext" | LC_ALL=C grep -q '[[:cntrl:]]'; then
        fail "control characters in the $ext captions"; od -c "$T/ctl.$ext" | grep -E '033|007|014' | head -3
    fi
done

# A feed's URLs are what podcast apps fetch: a relative or spaced one is a
# bad command line (64), not a feed that looks published and is not.
mkdir "$T/episodes"
expect 64 "--base-url: expected an absolute http" \
    "$CRIER" feed "$T/episodes" --base-url "audio/" -o "$T/feed.xml"
expect 64 "--base-url: expected an absolute http" \
    "$CRIER" feed "$T/episodes" --base-url "https://example.org/a b/" -o "$T/feed.xml"
expect 64 "--image: expected an absolute http" \
    "$CRIER" feed "$T/episodes" --base-url "https://example.org/a/" --image cover.jpg -o "$T/feed.xml"
[ -e "$T/feed.xml" ] && fail "feed: a feed was written despite a bad URL"

# A feed that is not well-formed XML: one message line, no blank line.
printf '<rss><channel><item>' >"$T/broken.rss"
expect 65 "$T/broken.rss:1: not well-formed XML" "$CRIER" bulletin --script "$T/broken.rss"
if [ "$(grep -c '^$' "$T/err")" -ne 0 ]; then
    fail "bulletin: the XML error message ends with a blank line"; sed 's/^/    /' "$T/err"
fi

# A bulletin whose record (NAME.meta.json) cannot be written has failed
# (73), and leaves no episode behind that the exit code calls failed: no
# audio, captions or chapters that crier feed would list without their
# record. A directory in the record's place makes the write fail.
mkdir -p "$T/ep/b.meta.json"
printf 'Harbour wall repaired\n\nThe harbour wall was repaired on Monday after the storm, the council said.\n' \
    >"$T/story.txt"
expect 73 "$T/ep/b.meta.json: cannot" "$CRIER" bulletin -q "$T/story.txt" -o "$T/ep/b.mp3"
left=$(ls -A "$T/ep" | grep -v '^b.meta.json$')
if [ -n "$left" ]; then
    fail "bulletin left files after its record failed: $left"
fi

echo "$fails failed"
[ "$fails" -eq 0 ]
