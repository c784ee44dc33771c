#!/bin/sh
# errors.sh -- the CLI's contract on bad input: a clear message naming the
# file (and line), the documented exit code, and nothing lost or half-written.
#
# usage: errors.sh CRIER SAMPLE
set -u
CRIER=$1
SAMPLE=$2
. "$(dirname "$0")/expect.sh"

expect 64 "unknown command" "$CRIER" frobnicate

# Every command is listed by `crier --help` and answers its own --help.
for cmd in speak segment normalize batch bulletin feed; do
    if ! "$CRIER" --help | grep -q "^  $cmd "; then
        echo "FAIL: crier --help does not list $cmd"; fails=$((fails + 1))
    elif ! "$CRIER" "$cmd" --help >"$T/out" 2>&1 || ! grep -q "crier $cmd" "$T/out"; then
        echo "FAIL: crier $cmd --help"; sed 's/^/    /' "$T/out"; fails=$((fails + 1))
    else
        echo "ok: $cmd in --help"
    fi
    # and the manual page documents every option its --help lists
    man=$(dirname "$0")/../../man/crier.1
    for o in $("$CRIER" "$cmd" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        if ! grep -q -- "$(printf '%s' "$o" | sed 's/-/\\\\-/g')" "$man"; then
            echo "FAIL: crier.1 does not document $cmd $o"; fails=$((fails + 1))
        fi
    done
done
expect 64 "-o OUTPUT is required" "$CRIER" speak "$SAMPLE"
expect 66 "$T/missing.txt: cannot open" "$CRIER" segment "$T/missing.txt"
printf 'Good line\nbad \377 byte\n' >"$T/bad.txt"
expect 65 "$T/bad.txt:2: invalid UTF-8 at byte 14" "$CRIER" segment "$T/bad.txt"
printf 'Skip to main content\nMenu\n' >"$T/empty.txt"
expect 65 "$T/empty.txt: no article text" "$CRIER" segment "$T/empty.txt"
printf '# table: acronyms\nNATO\tword\nBROKEN\n' >"$T/acronyms.tsv"
expect 78 "$T/acronyms.tsv:3: wrong number of columns" \
    "$CRIER" normalize --lexicon "$T/acronyms.tsv" /dev/null
printf '# table: acronyms\nNATO\tword\nUNHCR\tspelled\n' >"$T/acronyms2.tsv"
expect 78 "$T/acronyms2.tsv:3: 'spelled' in column 2 of table acronyms is not word or spell" \
    "$CRIER" normalize --lexicon "$T/acronyms2.tsv" /dev/null
expect 78 "no voice profile named 'nosuch'" "$CRIER" speak --voice nosuch "$SAMPLE" -o "$T/a.wav"
printf 'voice = en-us\nrate = fast\n' >"$T/bad.voice"
expect 78 "$T/bad.voice:2: rate must be a number" \
    "$CRIER" speak --voice "$T/bad.voice" "$SAMPLE" -o "$T/a.wav"
expect 64 "unknown audio format" "$CRIER" speak "$SAMPLE" -o "$T/a.xyz"
expect 64 "expected a number from 80 to 450" "$CRIER" speak --rate 9000 "$SAMPLE" -o "$T/a.wav"
expect 73 "$T/no/such/dir/a.wav: cannot create" "$CRIER" speak "$SAMPLE" -o "$T/no/such/dir/a.wav"

# A failing run must leave an existing output file exactly as it was, and
# no temporary file beside it.
echo "precious" >"$T/keep.wav"
expect 65 "no article text" "$CRIER" speak "$T/empty.txt" -o "$T/keep.wav"
if [ "$(cat "$T/keep.wav")" != "precious" ]; then
    echo "FAIL: existing output was touched"; fails=$((fails + 1))
fi
if ls -A "$T" | grep -q '^\.keep'; then
    echo "FAIL: a temporary file was left behind"; fails=$((fails + 1))
fi

# normalize keeps one output line per input line, blank lines included.
printf 'Sep 20\n\n3,700\n' | "$CRIER" normalize >"$T/lines"
if [ "$(wc -l <"$T/lines")" -ne 3 ] || [ -n "$(sed -n 2p "$T/lines")" ]; then
    echo "FAIL: normalize broke the line contract"; fails=$((fails + 1))
fi

echo "$fails failed"
[ "$fails" -eq 0 ]
