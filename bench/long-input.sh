#!/bin/sh
# long-input.sh -- a long article made from the bundled sample, for the
# memory and speed benchmarks.
#
# usage: bench/long-input.sh SAMPLE REPEATS > long.txt
#
# Keeps the sample's page furniture, headline and caption once, and repeats
# its body REPEATS times, each paragraph prefixed with "Part N." so that the
# segmenter (which drops repeated paragraphs, as pages print some twice)
# keeps every copy. 64 repeats speak for about three hours.
set -eu
sample=$1
repeats=$2
awk -v n="$repeats" '
    /^PRISTINA\/MITROVICA:/ { inbody = 1 }
    /^Source: / { inbody = 0; for (r = 1; r <= n; r++) for (i = 1; i <= nb; i++)
                      print (body[i] == "" ? "" : "Part " r ". " body[i]) }
    inbody { body[++nb] = $0; next }
    { print }
' "$sample"
