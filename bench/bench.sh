#!/bin/sh
# bench.sh -- speed and memory of `crier speak`, as ratios measured in the
# same run (the machine's speed and load cancel out of a ratio, not out of
# a time).
#
# usage: bench/bench.sh [BUILD_DIR] [ROUNDS]
#        BENCH_ONLY="workers pipeline" bench/bench.sh   (a subset)
#
#  memory    a three-hour article (the sample's body 64 times, see
#            long-input.sh) to MP3 with captions and chapters: peak RSS of
#            the largest crier process (target: below 100 MB)
#  workers   an article of about 25 minutes with -j 1 and -j 2, ROUNDS
#            times each, alternating: median wall time of -j 2 over -j 1
#            (target: at most 0.6)
#  pipeline  the sample as a 44.1 kHz mono 96 kbit/s MP3 at -16 LUFS, by
#            crier and by the pipeline a user would script: espeak-ng -w,
#            then one ffmpeg run with loudnorm, resampling to 44.1 kHz and
#            LAME; median wall time of crier over the pipeline (target: at
#            most 0.5)
#
# Needs espeak-ng and ffmpeg (scripts/debian-packages.txt, test: lines).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
rounds=${2:-3}
crier=$build/bin/crier
measure=$build/bin/bench_measure
sample=$root/samples/kosovo-nato.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x "$crier" ] && [ -x "$measure" ] || { echo "build first: $crier, $measure" >&2; exit 1; }

# timed LABEL CMD...: runs CMD under measure; sets $wall and $rss.
timed() {
    label=$1
    shift
    "$measure" "$@" >"$work/out" 2>"$work/err" || { echo "$label failed:" >&2; cat "$work/err" >&2; exit 1; }
    line=$(tail -n 1 "$work/err")
    wall=$(echo "$line" | sed 's/.*wall_s=\([0-9.]*\).*/\1/')
    cpu=$(echo "$line" | sed 's/.*cpu_s=\([0-9.]*\).*/\1/')
    rss=$(echo "$line" | sed 's/.*maxrss_kb=\([0-9]*\).*/\1/')
    printf '  %-24s %8.2f s wall %8.2f s CPU (%.2f CPUs) %8d KB\n' "$label" "$wall" "$cpu" \
        "$(awk -v c="$cpu" -v w="$wall" 'BEGIN { print c / w }')" "$rss"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

loudness() {
    ffmpeg -nostdin -hide_banner -nostats -i "$1" -af ebur128=peak=true -f null - 2>&1 |
        awk '/^ +I:/ { i = $2 } /^ +Peak:/ { p = $2 } END { printf "%s LUFS, %s dBTP", i, p }'
}

duration() { ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"; }

echo "crier bench: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

only=${BENCH_ONLY:-memory workers pipeline}
want() { case " $only " in *" $1 "*) return 0 ;; esac; return 1; }
mem_rss=0 mem_wall=0 mem_dur=0 j1=0 j2=0 pp=0 pc=0 same=-

# A ratio of wall times means something only when the CPUs are free: with
# other work running, -j 2 cannot get two CPUs. The "CPUs" column (CPU time
# over wall time) shows what each run actually got; the load average is
# printed before and after.

# ---- memory: three hours ----------------------------------------------------
if want memory; then
echo "memory: a three-hour article to MP3 with captions and chapters"
sh "$root/bench/long-input.sh" "$sample" 64 >"$work/long.txt"
timed "crier speak (3 h input)" "$crier" speak -q "$work/long.txt" -o "$work/long.mp3" \
    --captions "$work/long.vtt" --chapters "$work/long.json"
mem_rss=$rss mem_wall=$wall
mem_dur=$(duration "$work/long.mp3")
echo "  audio: $(awk -v d="$mem_dur" 'BEGIN { printf "%.0f min", d / 60 }'), $(loudness "$work/long.mp3")"
rm -f "$work/long.mp3"
fi

# ---- workers: -j 1 against -j 2 ----------------------------------------------
if want workers; then
echo "workers: a 25-minute article, -j 1 and -j 2 alternating, $rounds rounds"
sh "$root/bench/long-input.sh" "$sample" 8 >"$work/mid.txt"
: >"$work/j1"
: >"$work/j2"
i=0
while [ $i -lt "$rounds" ]; do
    timed "crier -j 1" "$crier" speak -q -j 1 "$work/mid.txt" -o "$work/j1.mp3"
    echo "$wall" >>"$work/j1"
    timed "crier -j 2" "$crier" speak -q -j 2 "$work/mid.txt" -o "$work/j2.mp3"
    echo "$wall" >>"$work/j2"
    i=$((i + 1))
done
cmp -s "$work/j1.mp3" "$work/j2.mp3" && same=identical || same=DIFFERENT
j1=$(median <"$work/j1")
j2=$(median <"$work/j2")
fi

# ---- pipeline: crier against espeak-ng + ffmpeg -------------------------------
if want pipeline; then
echo "pipeline: the sample to a 44.1 kHz 96 kbit/s MP3 at -16 LUFS, $rounds rounds"
"$crier" speak --script "$sample" | cut -f2 >"$work/script.txt"
cat >"$work/pipeline.sh" <<EOS
espeak-ng -v en-us+m3 -s 170 -w "$work/es.wav" -f "$work/script.txt" &&
ffmpeg -nostdin -loglevel error -y -i "$work/es.wav" \
    -af loudnorm=I=-16:TP=-1.5:LRA=11,aresample=44100 -ac 1 -c:a libmp3lame -b:a 96k "$work/es.mp3"
EOS
: >"$work/pc"
: >"$work/pp"
i=0
while [ $i -lt "$rounds" ]; do
    timed "espeak-ng + ffmpeg" sh "$work/pipeline.sh"
    echo "$wall" >>"$work/pp"
    timed "crier speak" "$crier" speak -q "$sample" -o "$work/crier.mp3"
    echo "$wall" >>"$work/pc"
    i=$((i + 1))
done
pp=$(median <"$work/pp")
pc=$(median <"$work/pc")
echo "  pipeline output: $(loudness "$work/es.mp3")"
echo "  crier output:    $(loudness "$work/crier.mp3")"
fi

# ---- summary ---------------------------------------------------------------------
echo
echo "summary (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
want memory && awk -v r="$mem_rss" -v w="$mem_wall" -v d="$mem_dur" 'BEGIN {
    printf "  3-hour input: peak RSS %.1f MB (target < 100 MB), %.0f s for %.0f min of audio\n",
        r / 1024, w, d / 60 }'
want workers && awk -v a="$j1" -v b="$j2" -v s="$same" 'BEGIN {
    printf "  workers: -j 1 %.2f s, -j 2 %.2f s, ratio %.2f (target <= 0.60); output %s\n",
        a, b, b / a, s }'
want pipeline && awk -v a="$pp" -v b="$pc" 'BEGIN {
    printf "  pipeline: espeak-ng + ffmpeg %.2f s, crier %.2f s, ratio %.2f (target <= 0.50)\n",
        a, b, b / a }'
exit 0
