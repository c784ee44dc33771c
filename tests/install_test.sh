#!/bin/sh
# install_test.sh -- `cmake --install` into a scratch prefix, then check that
# the installed program finds its data, the man page is there, and a
# consumer project builds against the library with find_package and with
# pkg-config.
#
# usage: install_test.sh BUILD_DIR SOURCE_DIR SAMPLE
set -eu
BUILD=$1 SRC=$2 SAMPLE=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cmake --install "$BUILD" --prefix "$T/prefix" >/dev/null
P=$T/prefix
test -x "$P/bin/crier"
test -f "$P/include/crier.h"
test -f "$P/share/man/man1/crier.1"
test -f "$P/share/crier/lexicon/en/acronyms.tsv"
test -f "$P/share/crier/voices/us-news.voice"
# The installed program finds share/crier beside it, with no help.
out=$(env -u CRIER_DATA_DIR "$P/bin/crier" segment --json "$SAMPLE" | head -c 200)
echo "$out" | grep -q '"title"'
libdir=$(find "$P" -name 'libcrier.so*' -printf '%h\n' | head -n 1)
export LD_LIBRARY_PATH=$libdir
export PKG_CONFIG_PATH=$libdir/pkgconfig
cmake -S "$SRC/tests/consumer" -B "$T/consumer" -DCMAKE_PREFIX_PATH="$P" >/dev/null
cmake --build "$T/consumer" >/dev/null
for exe in consumer_cmake consumer_pc; do
    said=$("$T/consumer/$exe" "$P/share/crier/lexicon/en")
    echo "$exe: $said"
    [ "$said" = "On September twentieth about three thousand seven hundred troops" ]
done
echo "install test passed"
