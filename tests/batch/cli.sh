#!/bin/sh
# cli.sh -- crier batch's contract: inputs and names, shards, manifests,
# resuming by content (not by time), the report, and exit codes.
#
# usage: cli.sh CRIER SAMPLE
set -u
CRIER=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SAMPLE=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# check DESCRIPTION COMMAND...: the command must succeed.
check() {
    d=$1
    shift
    if "$@"; then echo "ok: $d"; else fail "$d"; fi
}

mkdir -p "$T/in/sub" "$T/in/.hidden"
printf 'Council approves budget\n\nThe council met on Monday and approved the budget.\n' >"$T/in/a.txt"
printf '<html><body><article><h1>Storm warning</h1><p>Rain is expected on Friday across the north.</p></article></body></html>\n' >"$T/in/a.html"
printf 'Match report\n\nThe home side won 3-1 on Saturday.\n' >"$T/in/sub/match report (final).txt"
printf 'Hidden\n\nNot an input.\n' >"$T/in/.hidden/h.txt"
printf 'not an article\n' >"$T/in/notes.md"
B="$CRIER batch -q --format wav"

# Names: stable, ASCII, unique; directories in byte order; hidden skipped.
$B "$T/in" -d "$T/out" --dry-run >"$T/plan"
cat >"$T/want" <<EOT
a-html	$T/in/a.html	to-do
a-txt	$T/in/a.txt	to-do
match-report-final	$T/in/sub/match report (final).txt	to-do
EOT
check "dry run lists names, inputs, states" cmp -s "$T/plan" "$T/want"
[ -e "$T/out" ] && fail "--dry-run created the output directory"

# Shards: disjoint, and together exactly the whole job, for several N.
for n in 1 2 3 5; do
    : >"$T/union"
    i=1
    while [ $i -le $n ]; do
        $B "$T/in" "$SAMPLE" -d "$T/out" --dry-run --shard $i/$n | cut -f1 >>"$T/union"
        i=$((i + 1))
    done
    $B "$T/in" "$SAMPLE" -d "$T/out" --dry-run | cut -f1 | sort >"$T/all"
    sort "$T/union" | cmp -s - "$T/all" || fail "shards of $n do not partition the job"
done
echo "ok: shards partition the job"

# Manifests: @file (paths relative to it, comments, blank lines) and stdin.
printf '# two articles\n\nin/a.txt\n  in/sub  \n' >"$T/list"
$B @"$T/list" -d "$T/out" --dry-run | cut -f1 >"$T/m1"
(cd "$T" && printf 'in/a.txt\nin/sub\n' | $B - -d out --dry-run) | cut -f1 >"$T/m2"
printf 'a\nmatch-report-final\n' >"$T/mwant"
check "@manifest" cmp -s "$T/m1" "$T/mwant"
check "manifest on stdin" cmp -s "$T/m2" "$T/mwant"
printf 'in/a.txt\n@missing.list\n' >"$T/bad.list"
$B @"$T/bad.list" -d "$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 66 ] && grep -q "bad.list:2:" "$T/err" || fail "bad manifest: exit $rc, $(cat "$T/err")"

# A full run, then a rerun that skips everything.
$B -j 2 "$T/in" -d "$T/out" --report "$T/r1.json" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] || fail "first run exited $rc: $(cat "$T/err")"
for n in a-html a-txt match-report-final; do
    [ -s "$T/out/$n.wav" ] && [ -s "$T/out/$n.meta.json" ] || fail "missing outputs of $n"
done
$B -j 2 "$T/in" -d "$T/out" --report "$T/r2.json" 2>"$T/err"
grep -q "0 done, 3 up to date, 0 failed" "$T/err" || fail "rerun did not skip: $(cat "$T/err")"
python3 - "$T/r1.json" "$T/r2.json" <<'PY' || fail "report contents"
import json, sys
r1, r2 = (json.load(open(p)) for p in sys.argv[1:3])
assert r1["total"] == 3 and r1["done"] == 3 and r1["failed"] == 0, r1
assert [a["status"] for a in r2["articles"]] == ["skipped"] * 3, r2
for a in r1["articles"]:
    assert a["error"] is None and a["seconds"] > 1 and a["outputs"][0].endswith(a["name"] + ".wav"), a
PY

# Up to date is judged by content: touching a file changes nothing, while
# an edit, an option, a lexicon entry or a damaged output does.
state() { $B "$T/in" -d "$T/out" --dry-run "$@" | grep "^$N	" | cut -f3; }
N=a-txt
touch -d '2001-01-01' "$T/in/a.txt"
[ "$(state)" = up-to-date ] || fail "an older timestamp made a-txt stale"
[ "$(state --rate 200)" = to-do ] || fail "--rate did not make a-txt stale"
printf '# table: acronyms\nXYZ\tspell\n' >"$T/extra.tsv"
[ "$(state --lexicon "$T/extra.tsv")" = to-do ] || fail "--lexicon did not make a-txt stale"
printf 'x' >>"$T/out/a-txt.wav"
[ "$(state)" = to-do ] || fail "a damaged output counted as done"
printf '\nOne more line.\n' >>"$T/in/a.txt"
N=a-html
[ "$(state)" = up-to-date ] || fail "editing a.txt made a-html stale"
$B "$T/in" -d "$T/out" 2>"$T/err"
grep -q "1 done, 2 up to date" "$T/err" || fail "only a-txt should be redone: $(cat "$T/err")"
echo "ok: freshness by content"

# Sidecars follow the options: a rerun without --vtt and --chapters removes
# the captions and chapters an earlier run made beside the audio (crier
# feed would advertise them), and nothing else.
$B --vtt --chapters "$T/in/a.txt" -d "$T/side" 2>"$T/err" || fail "run with sidecars"
[ -s "$T/side/a.vtt" ] && [ -s "$T/side/a.chapters.json" ] || fail "no sidecars made"
printf 'keep\n' >"$T/side/a.notes.vtt"
printf 'keep\n' >"$T/side/b.vtt"
$B --vtt "$T/in/a.txt" -d "$T/side" 2>"$T/err" || fail "rerun with --vtt only"
[ -s "$T/side/a.vtt" ] || fail "--vtt rerun removed its own captions"
[ -e "$T/side/a.chapters.json" ] && fail "stale chapters left after a rerun without --chapters"
$B "$T/in/a.txt" -d "$T/side" 2>"$T/err" || fail "rerun without sidecars"
[ -e "$T/side/a.vtt" ] && fail "stale captions left after a rerun without --vtt"
[ -s "$T/side/a.wav" ] && [ -s "$T/side/a.meta.json" ] || fail "audio or record missing"
[ -s "$T/side/a.notes.vtt" ] && [ -s "$T/side/b.vtt" ] || fail "removed a file that is not a sidecar of a"
grep -q '"a.vtt"\|chapters.json' "$T/side/a.meta.json" && fail "the record still lists sidecars"
$B "$T/in/a.txt" -d "$T/side" 2>"$T/err"
grep -q "0 done, 1 up to date" "$T/err" || fail "not up to date after the rerun: $(cat "$T/err")"
echo "ok: stale sidecars removed"

# Two shards running at once into one directory (as two machines would on
# shared storage) make exactly what one full run makes.
$B -j 1 --shard 1/2 "$T/in" "$SAMPLE" -d "$T/sh" --report "$T/s1.json" 2>"$T/s1.err" &
s1=$!
$B -j 1 --shard 2/2 "$T/in" "$SAMPLE" -d "$T/sh" --report "$T/s2.json" 2>"$T/s2.err"
rc2=$?
wait $s1
rc1=$?
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] || fail "shards exited $rc1 and $rc2"
$B "$T/in" "$SAMPLE" -d "$T/sh" 2>"$T/err"
grep -q "0 done, 4 up to date, 0 failed" "$T/err" || fail "after both shards: $(cat "$T/err")"
[ -z "$(ls -A "$T/sh" | grep '^\.')" ] || fail "shards left temporary files"
python3 - "$T/s1.json" "$T/s2.json" <<'PY' || fail "shard reports"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
na = {x["name"] for x in a["articles"]}
nb = {x["name"] for x in b["articles"]}
assert not na & nb and len(na | nb) == 4, (na, nb)
PY
echo "ok: two shards at once"

# Exit codes: 1 partial, the failure's own code when all fail, 64, 73.
printf 'bad \377\n' >"$T/bad.txt"
$B "$T/in/a.txt" "$T/bad.txt" -d "$T/o2" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q "FAILED $T/bad.txt:1: invalid UTF-8" "$T/err" || fail "partial: exit $rc"
$B "$T/bad.txt" -d "$T/o3" 2>"$T/err"
[ $? -eq 65 ] || fail "all failed: want 65"
$B "$T/in" 2>"$T/err"
[ $? -eq 64 ] && grep -q -- "--out-dir DIR is required" "$T/err" || fail "no --out-dir"
$B "$T/in" -d "$T/out" --shard 3/2 2>"$T/err"
[ $? -eq 64 ] || fail "--shard 3/2 accepted"
: >"$T/file"
$B "$T/in" -d "$T/file/x" 2>"$T/err"
[ $? -eq 73 ] && grep -q "cannot create the output directory" "$T/err" || fail "unwritable dir"
mkdir "$T/none"
$B "$T/none" -d "$T/o4" 2>"$T/err"
[ $? -eq 66 ] || fail "no articles: want 66"
echo "ok: exit codes"

echo "$fails failed"
[ "$fails" -eq 0 ]
