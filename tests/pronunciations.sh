#!/bin/sh
# pronunciations.sh -- every row of pronunciations.tsv is phoneme input the
# engine takes whole (the listening proxy: `espeak-ng -x` echoes the
# phonemes it will say, dropping any mnemonic it does not know), and
# differs from what the engine says unaided (else the row is useless).
#
# usage: pronunciations.sh LEXICON_DIR
set -u
TSV=$1/pronunciations.tsv
fails=0 rows=0
# Stress marks may move within a syllable; compare without them. British
# voices say a final schwa as their own [a#], an allophone of [@].
strip() { tr -d "',% \n" | sed 's/a#/@/g'; }
tab=$(printf '\t')
while IFS="$tab" read -r word ph; do
    case $word in '#'* | '') continue ;; esac
    rows=$((rows + 1))
    for voice in en-us en-gb-x-rp; do
        echoed=$(espeak-ng -q -v $voice -x "[[$ph]]" | strip)
        if [ "$echoed" != "$(printf '%s' "$ph" | strip)" ]; then
            echo "FAIL: $word: [[$ph]] is said as [[$echoed]] by $voice"
            fails=$((fails + 1))
        fi
    done
    unaided=$(espeak-ng -q -v en-us -x "$word" | strip)
    if [ "$unaided" = "$(printf '%s' "$ph" | strip)" ]; then
        echo "FAIL: $word: eSpeak already says [[$unaided]]"
        fails=$((fails + 1))
    fi
    echo "ok: $word: $ph (eSpeak alone: $unaided)"
done <"$TSV"
[ "$rows" -gt 0 ] || { echo "FAIL: no rows"; fails=1; }
echo "$fails failed"
[ "$fails" -eq 0 ]
