#!/bin/sh
# formats.sh -- one output format end to end: written, read back by
# libsndfile and by ffprobe at the right rate, and at podcast loudness as
# measured by an independent meter (ffmpeg's ebur128 filter) on the
# decoded file: -16 LUFS +-1 LU integrated, true peak <= -1 dBTP.
#
# usage: formats.sh CRIER SAMPLE FORMAT DIR AUDIO_CHECK [crier options...]
set -u
CRIER=$1 SAMPLE=$2 FMT=$3 DIR=$4 CHECK=$5
shift 5
mkdir -p "$DIR"
out=$DIR/sample-$FMT.$FMT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$CRIER" speak "$@" "$SAMPLE" -o "$out" || fail "crier speak exited with $?"
case $FMT in
mp3) rate=44100 codec=mp3 ;;
opus) rate=48000 codec=opus ;;
ogg) rate=22050 codec=vorbis ;;
flac) rate=22050 codec=flac ;;
wav) rate=22050 codec=pcm_s16le ;;
esac
# libsndfile: rate, mono, about three minutes, not silent.
"$CHECK" "$out" "$rate" 1 150 260 -40 || fail "audio_check"
# ffprobe: codec and rate.
probe=$(ffprobe -v error -select_streams a:0 -show_entries stream=codec_name,sample_rate,channels \
    -of default=nw=1 "$out")
echo "$probe"
echo "$probe" | grep -qx "codec_name=$codec" || fail "codec is not $codec"
echo "$probe" | grep -qx "sample_rate=$rate" || fail "rate is not $rate"
if [ "$FMT" = mp3 ]; then
    br=$(ffprobe -v error -show_entries format=bit_rate -of default=nw=1:nk=1 "$out")
    [ "${br%???}" -ge 95 ] && [ "${br%???}" -le 97 ] || fail "MP3 bitrate $br, want 96 kbit/s"
fi
# ffmpeg's meter on the decoded file.
set -- $(ffmpeg -nostdin -hide_banner -nostats -i "$out" -af ebur128=peak=true -f null - 2>&1 |
    awk '/^ +I:/ { i = $2 } /^ +Peak:/ { p = $2 } END { print i, p }')
echo "ffmpeg ebur128: $FMT: integrated $1 LUFS, true peak $2 dBTP"
awk -v i="$1" 'BEGIN { exit !(i >= -17 && i <= -15) }' || fail "loudness $1 LUFS outside -16 +-1"
awk -v p="$2" 'BEGIN { exit !(p <= -1.0) }' || fail "true peak $2 dBTP above -1"
echo "$fails failed"
[ "$fails" -eq 0 ]
